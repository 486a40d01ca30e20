/**
 * Mixtures of binomial distributions: record i is x_i successes out of n_i trials,
 * f_j(x | n) = C(n, x) p_j^x (1 − p_j)^(n−x) — the two-coin example of Do &amp; Batzoglou (2008,
 * Nature Biotechnology 26:897). Blocks have width 2: column 0 the successes, column 1 the trials
 * (the loader appends it from {@code --trials-col} or the constant {@code --trials}); the model's
 * dimension is 1. model.json's components hold {@code weight} and {@code p} (a number).
 */
package io.sparkem.family.binomial;
