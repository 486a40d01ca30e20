/**
 * Mixtures of multinomials over d categories (e.g. bag-of-words documents; Nigam et al. 2000,
 * Machine Learning 39:103): record x ∈ ℕ^d with n = Σ_a x_a,
 * f_j(x) = n! / Π_a x_a! · Π_a p_ja^x_a. The coefficient n!/Π x_a! is part of the log-likelihood,
 * so it matches a multinomial's density (it does not depend on θ, so responsibilities and the
 * fit are the same without it). θ = (π_j, p_j); model.json's components hold {@code weight} and
 * {@code p} (a vector summing to 1). {@link io.sparkem.core.FamilyOptions#pseudoCount()} smooths
 * the M-step.
 */
package io.sparkem.family.multinomial;
