/**
 * The command line of {@code submit/em}: {@code fit}, {@code predict}, {@code generate},
 * {@code demo}; model.json reading and writing; exit codes (0 done, 2 the user's fault, 1 anything
 * else).
 */
package io.sparkem.cli;
