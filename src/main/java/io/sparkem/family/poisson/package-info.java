/**
 * Mixtures of independent Poisson counts: x ∈ ℕ^d, f_j(x) = Π_a λ_ja^x_a e^(−λ_ja) / x_a!
 * (e.g. Hasselblad 1969, J. Amer. Statist. Assoc. 64:1459). θ = (π_j, λ_j); model.json's
 * components hold {@code weight} and {@code lambda} (a vector).
 */
package io.sparkem.family.poisson;
