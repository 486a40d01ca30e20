package io.sparkem.family.binomial;

import io.sparkem.family.ComponentMixture;

/**
 * θ of a binomial mixture.
 *
 * @param weights π, length k, summing to 1
 * @param p       success probability of each component, length k, in [0, 1]
 */
public record BinomialMixture(double[] weights, double[] p) implements ComponentMixture {

  private static final long serialVersionUID = 1L;

  public BinomialMixture {
    if (weights.length == 0 || p.length != weights.length) {
      throw new IllegalArgumentException("weights and p must both have k >= 1 entries");
    }
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("a binomial probability must lie in [0, 1], got " + v);
      }
    }
  }

  /** k × 1: each component's p as a one-element vector. */
  @Override
  public double[][] parameters() {
    double[][] out = new double[p.length][];
    for (int j = 0; j < p.length; j++) {
      out[j] = new double[] {p[j]};
    }
    return out;
  }

  @Override
  public int k() {
    return weights.length;
  }

  /** One feature: the number of successes (the trials are data, not a feature). */
  @Override
  public int dimension() {
    return 1;
  }

  /** (k − 1) weights + k probabilities. */
  @Override
  public int freeParameters() {
    return (k() - 1) + k();
  }
}
