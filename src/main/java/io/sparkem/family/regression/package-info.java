/**
 * Mixtures of linear regressions: θ = (π_j, β_j, σ_j²), y | x ~ Σ_j π_j N(x̃ᵀβ_j, σ_j²), the first
 * family whose records carry a response besides the features. Statistics are per-component
 * weighted Gram matrices in the residual frame of the current fit ({@link
 * io.sparkem.family.regression.RegressionStats}), filled by the dense block kernel {@link
 * io.sparkem.math.DenseRegressionKernel}; the M-step solves each component's normal equations by
 * Cholesky ({@link io.sparkem.family.regression.NormalEquations}).
 */
package io.sparkem.family.regression;
