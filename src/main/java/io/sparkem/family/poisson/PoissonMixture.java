package io.sparkem.family.poisson;

import io.sparkem.family.ComponentMixture;

/**
 * θ of a Poisson mixture.
 *
 * @param weights π, length k, summing to 1
 * @param lambda  rates, k × d, each &gt; 0 (the M-step keeps them ≥ {@link PoissonFamily#LAMBDA_MIN})
 */
public record PoissonMixture(double[] weights, double[][] lambda) implements ComponentMixture {

  private static final long serialVersionUID = 1L;

  public PoissonMixture {
    if (weights.length == 0 || lambda.length != weights.length) {
      throw new IllegalArgumentException("weights and lambda must both have k >= 1 entries");
    }
    for (double[] l : lambda) {
      if (l.length != lambda[0].length || l.length == 0) {
        throw new IllegalArgumentException("every component needs the same d >= 1 rates");
      }
      for (double v : l) {
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("a Poisson rate must be a finite number > 0, got " + v);
        }
      }
    }
  }

  @Override
  public double[][] parameters() {
    return lambda;
  }

  @Override
  public int k() {
    return weights.length;
  }

  @Override
  public int dimension() {
    return lambda[0].length;
  }

  /** (k − 1) weights + k·d rates. */
  @Override
  public int freeParameters() {
    return (k() - 1) + k() * dimension();
  }
}
