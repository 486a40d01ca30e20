package io.sparkem.family;

import io.sparkem.core.Model;

/**
 * θ of a mixture whose component j is one parameter vector: bernoulli and multinomial p_j, poisson
 * λ_j, binomial (p_j), k-means μ_j. {@link ComponentMixtureFamily} runs their shared M-step.
 */
public interface ComponentMixture extends Model {

  /** π, length k, summing to 1 (k-means: the share of the weight each cluster holds). */
  double[] weights();

  /** Component j's parameter vector at index j: k × m, m the family's width (binomial: 1). */
  double[][] parameters();
}
