package io.sparkem.family.regression;

import io.sparkem.core.Block;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.MixtureStats;
import io.sparkem.core.SufficientStats;
import io.sparkem.math.DenseRegressionKernel;

/**
 * log f_j(y | x) = −½ log(2π σ_j²) − (y − x̃ᵀβ_j)² / (2σ_j²). {@link #accumulate} runs the whole
 * E-step and statistics of a block in {@link DenseRegressionKernel} (no allocation per block);
 * {@link #logDensities} is the per-record form other callers (prediction) read.
 */
final class RegressionEStep extends MixtureEStep {

  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final RegressionMixture theta;
  private final DenseRegressionKernel kernel;

  RegressionEStep(RegressionMixture theta) {
    super(theta.weights());
    this.theta = theta;
    this.kernel = DenseRegressionKernel.of(theta.weights(), theta.coefficients(), theta.variances(),
        theta.intercept());
  }

  @Override
  public void accumulate(Block block, SufficientStats into) {
    checkWidth(block);
    ((RegressionStats) into).addDense(kernel, block);
  }

  @Override
  protected void logDensities(Block block, double[] out) {
    checkWidth(block);
    int k = k();
    int width = block.dim();
    double[] x = block.x();
    for (int i = 0; i < block.rows(); i++) {
      int off = i * width;
      double y = x[off + width - 1];
      for (int j = 0; j < k; j++) {
        double v = theta.variances()[j];
        double e = y - theta.predict(j, x, off);
        out[i * k + j] = -0.5 * (LOG_2PI + Math.log(v) + e * e / v);
      }
    }
  }

  private void checkWidth(Block block) {
    if (block.dim() != theta.dimension() + 1) {
      throw new IllegalArgumentException("a block of width " + block.dim() + " for a regression on "
          + theta.dimension() + " covariates (width " + (theta.dimension() + 1) + ": the covariates, then y)");
    }
  }

  @Override
  public MixtureStats zero() {
    return new RegressionStats(theta.coefficients(), theta.intercept());
  }
}
