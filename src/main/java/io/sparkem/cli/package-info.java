/**
 * The command line of {@code submit/em}: {@code fit}, {@code select}, {@code predict},
 * {@code generate}, {@code demo}, {@code --config} files; exit codes (0 done, 2 the user's fault,
 * 1 anything else, 130/143 interrupted) and the one-line reports of failures
 * ({@link io.sparkem.cli.Failures}, {@link io.sparkem.cli.Interrupts}); the checks that run before
 * Spark starts (options) and before any data are read (the output). {@code fit} and {@code select}
 * are adapters of the fit service ({@code io.sparkem.fit}): typed options in, model.json,
 * report.html and the summary line out.
 */
package io.sparkem.cli;
