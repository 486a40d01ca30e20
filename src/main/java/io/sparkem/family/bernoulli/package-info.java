/**
 * Mixtures of multivariate Bernoulli distributions (latent class analysis; Bishop 2006, §9.3.3):
 * binary records x ∈ {0,1}^d, f_j(x) = Π_a p_ja^x_a (1 − p_ja)^(1−x_a). θ = (π_j, p_j); model.json's
 * components hold {@code weight} and {@code p} (a vector).
 */
package io.sparkem.family.bernoulli;
