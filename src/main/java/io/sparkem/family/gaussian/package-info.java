/**
 * Gaussian mixtures: θ = (π_j, μ_j, Σ_j). The covariance variants (full, diag, tied, spherical) are
 * {@link io.sparkem.family.gaussian.CovarianceShape}s that each answer their own log-determinant,
 * whitening, statistics layout, parameter count and M-step; the rest of the family is shared.
 *
 * <p>Statistics are accumulated around each component's current mean (the θ the pass started
 * from), so that data far from the origin lose no precision: Σ = S₂/N − δδᵀ with δ = S₁/N small.
 */
package io.sparkem.family.gaussian;
