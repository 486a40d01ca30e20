package io.sparkem.family.gaussian;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.MixtureStats;
import io.sparkem.core.SufficientStats;
import io.sparkem.math.Cholesky;
import io.sparkem.math.DenseGaussianKernel;
import java.util.List;

/**
 * log f_j(x) = −½ (d·log 2π + log det Σ_j + (x−μ_j)ᵀ Σ_j⁻¹ (x−μ_j)), with the whitening of every Σ_j
 * (a Cholesky factor for full and tied) precomputed once per iteration on the driver.
 *
 * <p>Shapes that allow it ({@link CovarianceShape#denseBlockKernel()}) run the whole E-step and
 * statistics of a block in {@link DenseGaussianKernel}, with no allocation per block; the others
 * take the generic per-record path of {@link MixtureEStep}.
 */
final class GaussianEStep extends MixtureEStep {

  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final GaussianMixture theta;
  private final CovarianceShape.Whitener[] whiteners;
  /** −½ (d·log 2π + log det Σ_j). */
  private final double[] logNormaliser;
  /** The block kernel of θ, or null for the generic path. */
  private final DenseGaussianKernel kernel;
  /**
   * {@code --missing marginalize}: every Σ_j as a full d × d matrix, for {@link IncompleteRows};
   * null when a NaN cannot occur (the loader rejected it).
   */
  private final double[][] fullCovariances;

  GaussianEStep(GaussianMixture theta) {
    this(theta, false);
  }

  GaussianEStep(GaussianMixture theta, boolean marginalize) {
    super(theta.weights());
    this.theta = theta;
    int k = theta.k();
    int d = theta.dimension();
    this.whiteners = theta.shape().whiteners(theta.covariances(), d);
    this.logNormaliser = new double[k];
    for (int j = 0; j < k; j++) {
      logNormaliser[j] = -0.5 * (d * LOG_2PI + whiteners[j].logDeterminant());
    }
    this.kernel = theta.shape().denseBlockKernel() ? kernel(theta) : null;
    this.fullCovariances = marginalize ? new double[k][] : null;
    for (int j = 0; marginalize && j < k; j++) {
      fullCovariances[j] = theta.fullCovariance(j);
    }
  }

  private static DenseGaussianKernel kernel(GaussianMixture theta) {
    int d = theta.dimension();
    Cholesky[] factors = new Cholesky[theta.k()];
    for (int j = 0; j < factors.length; j++) {
      factors[j] = FullCovariance.factor(theta.fullCovariance(j), d);
    }
    return DenseGaussianKernel.of(theta.weights(), theta.means(), factors);
  }

  @Override
  public void accumulate(Block block, SufficientStats into) {
    if (fullCovariances != null) {
      int[] incomplete = IncompleteRows.find(block);
      if (incomplete.length > 0) {
        // Complete rows take the usual path; the others are integrated over their missing cells.
        if (incomplete.length < block.rows()) {
          accumulateComplete(IncompleteRows.complete(block, incomplete), into);
        }
        IncompleteRows.accumulate(theta.means(), fullCovariances, logWeights, block, incomplete,
            (GaussianStats) into);
        return;
      }
    }
    accumulateComplete(block, into);
  }

  /**
   * Dense-kernel E-steps of one dimension share each block's transposition
   * ({@link io.sparkem.math.SharedTileKernel}); with {@code --missing marginalize}, or without the
   * kernel, an E-step runs alone.
   */
  @Override
  public Object jointKey() {
    return kernel != null && fullCovariances == null ? "dense-gaussian d=" + kernel.dimension() : null;
  }

  @Override
  public void accumulateJointly(List<? extends EStep> steps, Block block, List<? extends SufficientStats> into) {
    GaussianStats[] stats = new GaussianStats[steps.size()];
    DenseGaussianKernel[] kernels = new DenseGaussianKernel[steps.size()];
    for (int i = 0; i < stats.length; i++) {
      stats[i] = (GaussianStats) into.get(i);
      kernels[i] = ((GaussianEStep) steps.get(i)).kernel;
      if (stats[i].collectsDensities()) { // the final pass that collects log-densities: one by one
        for (int j = 0; j < steps.size(); j++) {
          steps.get(j).accumulate(block, into.get(j));
        }
        return;
      }
    }
    GaussianStats.addDenseJointly(kernels, stats, block);
  }

  private void accumulateComplete(Block block, SufficientStats into) {
    if (kernel == null) {
      super.accumulate(block, into);
    } else {
      ((GaussianStats) into).addDense(kernel, block);
    }
  }

  /**
   * With {@code --missing marginalize}, rows with missing cells get the marginal E-step of
   * {@link IncompleteRows} (posteriors and log p(x_o) of their observed coordinates), the others
   * the usual one.
   */
  @Override
  public double posteriors(Block block, double[] out, boolean weighted, double[] logDensity) {
    int[] incomplete = fullCovariances == null ? new int[0] : IncompleteRows.find(block);
    if (incomplete.length == 0) {
      return super.posteriors(block, out, weighted, logDensity);
    }
    int k = k();
    double ll = IncompleteRows.posteriors(theta.means(), fullCovariances, logWeights, block, incomplete, out,
        weighted, logDensity);
    if (incomplete.length < block.rows()) {
      Block complete = IncompleteRows.complete(block, incomplete);
      double[] p = new double[complete.rows() * k];
      double[] ld = new double[complete.rows()];
      ll += super.posteriors(complete, p, weighted, ld);
      int[] rows = IncompleteRows.completeRows(block.rows(), incomplete);
      for (int at = 0; at < rows.length; at++) {
        System.arraycopy(p, at * k, out, rows[at] * k, k);
        if (logDensity != null) {
          logDensity[rows[at]] = ld[at];
        }
      }
    }
    return ll;
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
