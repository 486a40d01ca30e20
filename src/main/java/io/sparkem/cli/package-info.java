/**
 * The command line of {@code submit/em}: {@code fit}, {@code predict}, {@code generate},
 * {@code demo}; model.json reading and writing; exit codes (0 done, 2 the user's fault, 1 anything
 * else, 130/143 interrupted) and the one-line reports of failures ({@link io.sparkem.cli.Failures});
 * the checks that run before the data are read (options, output, memory) and after (data warnings).
 */
package io.sparkem.cli;
