package io.sparkem.family.exponential;

import io.sparkem.family.ComponentMixture;

/**
 * θ of a mixture of exponential distributions (a test's own family).
 *
 * @param weights π, length k
 * @param rate    λ, k × d, each &gt; 0
 */
public record ExponentialMixture(double[] weights, double[][] rate) implements ComponentMixture {

  private static final long serialVersionUID = 1L;

  @Override
  public double[][] parameters() {
    return rate;
  }

  @Override
  public int k() {
    return weights.length;
  }

  @Override
  public int dimension() {
    return rate[0].length;
  }

  @Override
  public int freeParameters() {
    return (k() - 1) + k() * dimension();
  }
}
