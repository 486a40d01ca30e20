package io.sparkem.family.gaussian;

import io.sparkem.core.Model;

/**
 * θ of a Gaussian mixture.
 *
 * @param shape       the covariance structure
 * @param weights     π, length k, summing to 1
 * @param means       μ, k × d
 * @param covariances Σ_j in the shape's storage (see {@link CovarianceShape}), k entries
 */
public record GaussianMixture(CovarianceShape shape, double[] weights, double[][] means,
    double[][] covariances) implements Model {

  private static final long serialVersionUID = 1L;

  public GaussianMixture {
    if (weights.length == 0 || means.length != weights.length || covariances.length != weights.length) {
      throw new IllegalArgumentException("weights, means and covariances must all have k entries");
    }
  }

  @Override
  public int k() {
    return weights.length;
  }

  @Override
  public int dimension() {
    return means[0].length;
  }

  @Override
  public int freeParameters() {
    int k = k();
    int d = dimension();
    return (k - 1) + k * d + shape.freeParameters(k, d);
  }

  /** Σ_j as a full d × d row-major matrix. */
  public double[] fullCovariance(int j) {
    return shape.toFull(covariances[j], dimension());
  }
}
