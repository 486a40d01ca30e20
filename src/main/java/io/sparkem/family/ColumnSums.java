package io.sparkem.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.MixtureStats;
import io.sparkem.core.StatisticsJson;

/**
 * Sufficient statistics of the families whose M-step is a ratio of weighted sums of the block
 * columns (bernoulli, binomial, poisson, multinomial, k-means): per component j, besides
 * N_j = Σ_i w_i r_ij, the vector S_j = Σ_i w_i r_ij x_i over every block column (binomial: the
 * successes and the trials). k × width doubles, whatever n.
 *
 * <p>JSON form: each component's {@code sums}, S_j (binomial: [Σ w r · successes, Σ w r · trials]).
 */
public class ColumnSums extends MixtureStats {

  private static final long serialVersionUID = 1L;

  /** S_j, k × width. */
  private final double[][] sums;

  public ColumnSums(int k, int width) {
    super(k);
    this.sums = new double[k][width];
  }

  /** The statistics of a hard clustering of {@code sample}: r_ij = 1 when labels[i] = j. */
  public static ColumnSums ofLabels(Block sample, int[] labels, int k) {
    ColumnSums s = new ColumnSums(k, sample.dim());
    double[] resp = new double[sample.rows() * k];
    for (int i = 0; i < sample.rows(); i++) {
      resp[i * k + labels[i]] = sample.w()[i];
      s.componentWeight[labels[i]] += sample.w()[i];
    }
    s.addBlock(sample, resp);
    return s;
  }

  public int width() {
    return sums[0].length;
  }

  /** A copy of S_j = Σ_i w_i r_ij x_i, length width. */
  public double[] sums(int j) {
    return sums[j].clone();
  }

  @Override
  protected void addBlock(Block block, double[] resp) {
    int k = k();
    int d = block.dim();
    if (d != width()) {
      throw new IllegalArgumentException("a block of width " + d + " for statistics of width " + width());
    }
    double[] x = block.x();
    for (int i = 0; i < block.rows(); i++) {
      int row = i * d;
      for (int j = 0; j < k; j++) {
        double r = resp[i * k + j];
        if (r == 0) {
          continue;
        }
        double[] s = sums[j];
        for (int a = 0; a < d; a++) {
          s[a] += r * x[row + a];
        }
      }
    }
  }

  @Override
  protected void scaleFamily(double factor) {
    for (double[] s : sums) {
      for (int a = 0; a < s.length; a++) {
        s[a] *= factor;
      }
    }
  }

  @Override
  protected void writeComponent(int j, ObjectNode component) {
    StatisticsJson.putVector(component, "sums", sums[j]);
  }

  @Override
  protected void readComponent(int j, JsonNode component) {
    System.arraycopy(StatisticsJson.vector(component, "sums", width()), 0, sums[j], 0, width());
  }

  @Override
  protected void mergeFamily(MixtureStats other) {
    ColumnSums o = (ColumnSums) other;
    for (int j = 0; j < sums.length; j++) {
      for (int a = 0; a < sums[j].length; a++) {
        sums[j][a] += o.sums[j][a];
      }
    }
  }
}
