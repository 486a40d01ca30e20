package io.sparkem.family.kmeans;

import io.sparkem.core.Block;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.MixtureStats;
import java.util.Arrays;

/**
 * The assignment step of Lloyd's algorithm as a mixture E-step: the score of component j is
 * −‖x − μ_j‖²; each record's responsibility is 1 for its best score (ties: the lowest index) and
 * 0 elsewhere; the pass's "log-likelihood" is −Σ_i w_i min_j ‖x_i − μ_j‖² = −cost. O(k·d) per record.
 */
final class KMeansEStep extends MixtureEStep {

  private static final long serialVersionUID = 1L;

  private final double[][] means;

  KMeansEStep(KMeansModel theta) {
    super(theta.weights());
    this.means = theta.means();
  }

  /** {@code out[i*k + j]} = −‖x_i − μ_j‖². */
  @Override
  protected void logDensities(Block block, double[] out) {
    int k = k();
    int d = block.dim();
    if (d != means[0].length) {
      throw new IllegalArgumentException("a block of width " + d + " for centres of dimension " + means[0].length);
    }
    double[] x = block.x();
    for (int i = 0; i < block.rows(); i++) {
      for (int j = 0; j < k; j++) {
        double[] mu = means[j];
        double s = 0;
        for (int a = 0; a < d; a++) {
          double t = x[i * d + a] - mu[a];
          s += t * t;
        }
        out[i * k + j] = -s;
      }
    }
  }

  /** k-means has no density per record: nothing to collect. */
  @Override
  public java.util.Optional<io.sparkem.core.EStep> collectingDensities(double[] thresholds) {
    return java.util.Optional.empty();
  }

  @Override
  public boolean hasLogDensity() {
    return false;
  }

  /**
   * Hard responsibilities: one-hot rows (times w_i when {@code weighted}); returns −cost. There is
   * no density: {@code logDensity}, when given, gets NaN.
   */
  @Override
  public double posteriors(Block block, double[] out, boolean weighted, double[] logDensity) {
    if (logDensity != null) {
      Arrays.fill(logDensity, 0, block.rows(), Double.NaN);
    }
    int k = k();
    logDensities(block, out);
    double cost = 0;
    double[] w = block.w();
    for (int i = 0; i < block.rows(); i++) {
      int row = i * k;
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (out[row + j] > out[row + best]) {
          best = j;
        }
      }
      if (w[i] != 0) {
        cost -= w[i] * out[row + best];
      }
      Arrays.fill(out, row, row + k, 0.0);
      out[row + best] = weighted ? w[i] : 1.0;
    }
    return -cost;
  }

  @Override
  public MixtureStats zero() {
    return new KMeansStats(k(), means[0].length);
  }
}
