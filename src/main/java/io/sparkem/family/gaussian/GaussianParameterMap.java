package io.sparkem.family.gaussian;

import io.sparkem.core.ParameterMap;
import io.sparkem.family.SimplexCoordinates;

/**
 * The {@link ParameterMap} of Gaussian mixtures: [clr(π) (k values, absent under
 * {@code --fix-weights}), μ_1 … μ_k (k·d, identity), the covariances' coordinates (the shape's
 * {@link CovarianceShape#encode}: log-Cholesky for full and tied, log variances for diag and
 * spherical)].
 */
final class GaussianParameterMap implements ParameterMap<GaussianMixture> {

  private final CovarianceShape shape;
  private final boolean fixWeights;

  GaussianParameterMap(CovarianceShape shape, boolean fixWeights) {
    this.shape = shape;
    this.fixWeights = fixWeights;
  }

  @Override
  public double[] toVector(GaussianMixture theta) {
    int k = theta.k();
    int d = theta.dimension();
    int w = fixWeights ? 0 : k;
    double[] v = new double[w + k * d + shape.coordinates(k, d)];
    if (w > 0) {
      SimplexCoordinates.encode(theta.weights(), v, 0);
    }
    for (int j = 0; j < k; j++) {
      System.arraycopy(theta.means()[j], 0, v, w + j * d, d);
    }
    shape.encode(theta.covariances(), d, v, w + k * d);
    return v;
  }

  @Override
  public GaussianMixture fromVector(double[] v, GaussianMixture template) {
    int k = template.k();
    int d = template.dimension();
    int w = fixWeights ? 0 : k;
    if (v.length != w + k * d + shape.coordinates(k, d)) {
      throw new IllegalArgumentException("a vector of " + v.length + " for a θ of "
          + (w + k * d + shape.coordinates(k, d)));
    }
    double[] weights = w > 0 ? SimplexCoordinates.decode(v, 0, k) : template.weights().clone();
    double[][] means = new double[k][];
    for (int j = 0; j < k; j++) {
      means[j] = java.util.Arrays.copyOfRange(v, w + j * d, w + (j + 1) * d);
    }
    return new GaussianMixture(shape, weights, means, shape.decode(v, w + k * d, k, d));
  }
}
