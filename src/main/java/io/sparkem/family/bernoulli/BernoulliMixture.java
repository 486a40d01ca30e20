package io.sparkem.family.bernoulli;

import io.sparkem.family.ComponentMixture;

/**
 * θ of a Bernoulli mixture.
 *
 * @param weights π, length k, summing to 1
 * @param p       success probabilities, k × d, each in [0, 1] (the M-step keeps them in
 *     [{@link BernoulliFamily#P_MIN}, {@link BernoulliFamily#P_MAX}])
 */
public record BernoulliMixture(double[] weights, double[][] p) implements ComponentMixture {

  private static final long serialVersionUID = 1L;

  public BernoulliMixture {
    if (weights.length == 0 || p.length != weights.length) {
      throw new IllegalArgumentException("weights and p must both have k >= 1 entries");
    }
    for (double[] pj : p) {
      if (pj.length != p[0].length || pj.length == 0) {
        throw new IllegalArgumentException("every component needs the same d >= 1 probabilities");
      }
      for (double v : pj) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("a Bernoulli probability must lie in [0, 1], got " + v);
        }
      }
    }
  }

  @Override
  public double[][] parameters() {
    return p;
  }

  @Override
  public int k() {
    return weights.length;
  }

  @Override
  public int dimension() {
    return p[0].length;
  }

  /** (k − 1) weights + k·d probabilities. */
  @Override
  public int freeParameters() {
    return (k() - 1) + k() * dimension();
  }
}
