package io.sparkem.family.gaussian;

import io.sparkem.core.Block;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.MixtureStats;

/**
 * log f_j(x) = −½ (d·log 2π + log det Σ_j + (x−μ_j)ᵀ Σ_j⁻¹ (x−μ_j)), with the whitening of every Σ_j
 * (a Cholesky factor for full and tied) precomputed once per iteration on the driver.
 */
final class GaussianEStep extends MixtureEStep {

  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final GaussianMixture theta;
  private final CovarianceShape.Whitener[] whiteners;
  /** −½ (d·log 2π + log det Σ_j). */
  private final double[] logNormaliser;

  GaussianEStep(GaussianMixture theta) {
    super(theta.weights());
    this.theta = theta;
    int k = theta.k();
    int d = theta.dimension();
    this.whiteners = theta.shape().whiteners(theta.covariances(), d);
    this.logNormaliser = new double[k];
    for (int j = 0; j < k; j++) {
      logNormaliser[j] = -0.5 * (d * LOG_2PI + whiteners[j].logDeterminant());
    }
  }

  @Override
  protected void logDensities(Block block, double[] out) {
    int k = k();
    int d = block.dim();
    double[] x = block.x();
    double[] y = new double[d];
    double[][] means = theta.means();
    for (int i = 0; i < block.rows(); i++) {
      for (int j = 0; j < k; j++) {
        double[] mu = means[j];
        for (int a = 0; a < d; a++) {
          y[a] = x[i * d + a] - mu[a];
        }
        out[i * k + j] = logNormaliser[j] - 0.5 * whiteners[j].squaredDistance(y);
      }
    }
  }

  @Override
  public MixtureStats zero() {
    return new GaussianStats(theta.shape(), theta.means());
  }
}
