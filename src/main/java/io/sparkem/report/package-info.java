/**
 * {@code report.html}: a self-contained page (inline SVG, one tiny inline script, no network) that
 * {@code fit} and {@code select} write next to model.json — the log-likelihood trace, the component
 * table, a scatter of a bounded sample of the records with each Gaussian's 1σ and 2σ ellipses, and
 * for {@code select} the BIC/AIC curves by k. Pure Java: it reads the model.json tree and plain
 * arrays, never Spark.
 */
package io.sparkem.report;
