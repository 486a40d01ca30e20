/**
 * The command line of {@code submit/em}: {@code fit}, {@code select}, {@code predict},
 * {@code generate}, {@code demo}, {@code --config} files; exit codes (0 done, 2 the user's fault,
 * 1 anything else). {@code fit} and {@code select} are adapters of the fit service
 * ({@code io.sparkem.fit}): typed options in, model.json, report.html and the summary line out.
 */
package io.sparkem.cli;
