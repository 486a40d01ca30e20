package io.sparkem.family;

import io.sparkem.core.Block;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.MixtureStats;

/**
 * The E-step of families whose component log-density is linear in the block row — exponential
 * families with sufficient statistic T(x) = x (Bishop 2006, §2.4):
 * <pre>
 *   log f_j(x) = h(x) + c_j + Σ_a x_a η_ja
 * </pre>
 * with the natural parameters η_j and the constants c_j = −A(η_j) computed once per iteration on
 * the driver, and the base measure h(x) (−Σ log x_a! for poisson, ...) once per record whatever k.
 * Zero cells are skipped, so sparse counts cost what they hold. Shapes: η is k × width, c has
 * length k; a block row has width values.
 */
public abstract class LinearEStep extends MixtureEStep {

  private static final long serialVersionUID = 1L;

  /** η_ja at {@code [a * k + j]}: the k values of column a side by side. */
  private final double[] etaByColumn;
  private final double[] constant;
  private final int width;

  protected LinearEStep(double[] weights, double[][] eta, double[] constant) {
    super(weights);
    int k = weights.length;
    this.width = eta[0].length;
    this.constant = constant.clone();
    this.etaByColumn = new double[width * k];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < width; a++) {
        etaByColumn[a * k + j] = eta[j][a];
      }
    }
  }

  /** h(x) of the record {@code x[off..off+width)}. */
  protected abstract double baseMeasure(double[] x, int off, int width);

  @Override
  protected void logDensities(Block block, double[] out) {
    if (block.dim() != width) {
      throw new IllegalArgumentException("a block of width " + block.dim() + " for a model reading "
          + width + " values per record");
    }
    int k = k();
    double[] x = block.x();
    for (int i = 0; i < block.rows(); i++) {
      int off = i * width;
      int row = i * k;
      double h = baseMeasure(x, off, width);
      for (int j = 0; j < k; j++) {
        out[row + j] = h + constant[j];
      }
      for (int a = 0; a < width; a++) {
        double v = x[off + a];
        if (v == 0) {
          continue; // also keeps 0·(−∞) = NaN out when a probability is exactly 0
        }
        int col = a * k;
        for (int j = 0; j < k; j++) {
          out[row + j] += v * etaByColumn[col + j];
        }
      }
    }
  }

  @Override
  public MixtureStats zero() {
    return new ColumnSums(k(), width);
  }
}
