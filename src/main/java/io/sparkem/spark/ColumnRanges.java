package io.sparkem.spark;

import io.sparkem.core.Block;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The smallest and largest value of every feature column of the loaded data (missing cells left
 * out), in one job over the cached blocks: what tells a constant column, or values whose squares
 * overflow, before the fit runs into them.
 *
 * @param min per feature, the smallest value (+∞ when every cell of the column is missing)
 * @param max per feature, the largest value (−∞ when every cell of the column is missing)
 */
public record ColumnRanges(double[] min, double[] max) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The ranges of the first {@code data.features().size()} columns of every block. */
  public static ColumnRanges of(SparkData data) {
    int d = data.features().size();
    return data.blocks().map(b -> of(b, d)).fold(empty(d), ColumnRanges::merge);
  }

  static ColumnRanges of(Block b, int d) {
    ColumnRanges r = empty(d);
    for (int i = 0; i < b.rows(); i++) {
      for (int a = 0; a < d; a++) {
        double v = b.get(i, a);
        if (v < r.min[a]) {
          r.min[a] = v;
        }
        if (v > r.max[a]) {
          r.max[a] = v;
        }
      }
    }
    return r;
  }

  private static ColumnRanges empty(int d) {
    double[] min = new double[d];
    double[] max = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    return new ColumnRanges(min, max);
  }

  /** The ranges of both (a new object: fold's zero must stay untouched). */
  static ColumnRanges merge(ColumnRanges a, ColumnRanges b) {
    ColumnRanges r = empty(a.min.length);
    for (int c = 0; c < r.min.length; c++) {
      r.min[c] = Math.min(a.min[c], b.min[c]);
      r.max[c] = Math.max(a.max[c], b.max[c]);
    }
    return r;
  }

  /** Largest magnitude of column c. */
  public double maxAbs(int c) {
    return Math.max(Math.abs(min[c]), Math.abs(max[c]));
  }

  /** Whether column c holds one value only (and at least one value). */
  public boolean constant(int c) {
    return min[c] == max[c];
  }
}
