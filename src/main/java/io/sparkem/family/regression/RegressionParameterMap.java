package io.sparkem.family.regression;

import io.sparkem.core.ParameterMap;
import io.sparkem.family.SimplexCoordinates;

/**
 * The {@link ParameterMap} of mixtures of regressions: [clr(π) (k values, absent under
 * {@code --fix-weights}), β_1 … β_k (k·p, identity), log σ_1² … log σ_k² (k)]. Every real vector
 * maps to a valid θ: a log-variance is clamped to ±{@value #LOG_LIMIT} so that σ² stays finite and
 * positive.
 */
final class RegressionParameterMap implements ParameterMap<RegressionMixture> {

  /** Bound on |log σ²|: e^±700 is still a finite positive double. */
  static final double LOG_LIMIT = 700;

  private final boolean fixWeights;

  RegressionParameterMap(boolean fixWeights) {
    this.fixWeights = fixWeights;
  }

  private int length(RegressionMixture theta) {
    return (fixWeights ? 0 : theta.k()) + theta.k() * theta.terms() + theta.k();
  }

  @Override
  public double[] toVector(RegressionMixture theta) {
    int k = theta.k();
    int p = theta.terms();
    int w = fixWeights ? 0 : k;
    double[] v = new double[length(theta)];
    if (w > 0) {
      SimplexCoordinates.encode(theta.weights(), v, 0);
    }
    for (int j = 0; j < k; j++) {
      System.arraycopy(theta.coefficients()[j], 0, v, w + j * p, p);
      v[w + k * p + j] = Math.log(theta.variances()[j]);
    }
    return v;
  }

  @Override
  public RegressionMixture fromVector(double[] v, RegressionMixture template) {
    int k = template.k();
    int p = template.terms();
    int w = fixWeights ? 0 : k;
    if (v.length != length(template)) {
      throw new IllegalArgumentException("a vector of " + v.length + " for a θ of " + length(template));
    }
    double[] weights = w > 0 ? SimplexCoordinates.decode(v, 0, k) : template.weights().clone();
    double[][] beta = new double[k][];
    double[] variance = new double[k];
    for (int j = 0; j < k; j++) {
      beta[j] = java.util.Arrays.copyOfRange(v, w + j * p, w + (j + 1) * p);
      variance[j] = Math.exp(Math.max(-LOG_LIMIT, Math.min(LOG_LIMIT, v[w + k * p + j])));
    }
    return new RegressionMixture(weights, beta, variance, template.intercept());
  }
}
