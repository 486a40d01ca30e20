package io.sparkem.family.multinomial;

import io.sparkem.family.ComponentMixture;

/**
 * θ of a multinomial mixture.
 *
 * @param weights π, length k, summing to 1
 * @param p       category probabilities, k × d, each row ≥ 0 and summing to 1 (within 1e-9)
 */
public record MultinomialMixture(double[] weights, double[][] p) implements ComponentMixture {

  private static final long serialVersionUID = 1L;

  public MultinomialMixture {
    if (weights.length == 0 || p.length != weights.length) {
      throw new IllegalArgumentException("weights and p must both have k >= 1 entries");
    }
    for (double[] pj : p) {
      if (pj.length != p[0].length || pj.length == 0) {
        throw new IllegalArgumentException("every component needs the same d >= 1 probabilities");
      }
      double s = 0;
      for (double v : pj) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("a category probability must lie in [0, 1], got " + v);
        }
        s += v;
      }
      if (Math.abs(s - 1) > 1e-9) {
        throw new IllegalArgumentException("category probabilities must sum to 1, got " + s);
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

  /** (k − 1) weights + k·(d − 1) probabilities (each row sums to 1). */
  @Override
  public int freeParameters() {
    return (k() - 1) + k() * (dimension() - 1);
  }
}
