package io.sparkem.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Bernoulli sampling of rows and distinct-row counting over blocks, shared by every source. */
public final class Sampling {

  private Sampling() {}

  /**
   * Keeps each row with probability {@code min(1, maxRows / totalRows)}. The draw of a row depends
   * only on the seed and the row's index in the whole data set, so the sample is the same however
   * the data are partitioned.
   */
  public static Block sample(Iterable<Block> blocks, long totalRows, int maxRows, long seed) {
    double keep = keepProbability(totalRows, maxRows);
    List<Block> kept = new ArrayList<>();
    long first = 0;
    for (Block b : blocks) {
      kept.add(keepRows(b, keep, seed, first));
      first += b.rows();
    }
    return concat(kept);
  }

  /** The probability of keeping a row so that about {@code maxRows} of {@code totalRows} remain. */
  public static double keepProbability(long totalRows, int maxRows) {
    return totalRows <= maxRows ? 1.0 : (double) maxRows / totalRows;
  }

  /**
   * The rows of {@code b} that survive a Bernoulli({@code keep}) draw each; row i of the block is
   * row {@code firstRow + i} of the data set and draws the uniform {@link #uniform}(seed, that index).
   */
  public static Block keepRows(Block b, double keep, long seed, long firstRow) {
    int d = b.dim();
    double[] x = new double[b.rows() * d];
    double[] w = new double[b.rows()];
    int n = 0;
    for (int i = 0; i < b.rows(); i++) {
      if (keep >= 1.0 || uniform(seed, firstRow + i) < keep) {
        System.arraycopy(b.x(), i * d, x, n * d, d);
        w[n++] = b.w()[i];
      }
    }
    return new Block(n, d, java.util.Arrays.copyOf(x, n * d), java.util.Arrays.copyOf(w, n));
  }

  /** A uniform in [0, 1) that depends only on (seed, index): SplitMix64's finaliser. */
  public static double uniform(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** One block holding the rows of all given blocks, in order. */
  public static Block concat(List<Block> blocks) {
    int d = blocks.get(0).dim();
    int n = blocks.stream().mapToInt(Block::rows).sum();
    double[] x = new double[n * d];
    double[] w = new double[n];
    int at = 0;
    for (Block b : blocks) {
      System.arraycopy(b.x(), 0, x, at * d, b.rows() * d);
      System.arraycopy(b.w(), 0, w, at, b.rows());
      at += b.rows();
    }
    return new Block(n, d, x, w);
  }

  /** Adds the distinct rows of {@code b} to {@code seen}, stopping once it holds {@code limit}. */
  public static void addDistinct(Block b, Set<List<Double>> seen, int limit) {
    int d = b.dim();
    for (int i = 0; i < b.rows() && seen.size() < limit; i++) {
      List<Double> row = new ArrayList<>(d);
      for (int j = 0; j < d; j++) {
        row.add(b.get(i, j) == 0.0 ? 0.0 : b.get(i, j)); // -0.0 and 0.0 are the same record
      }
      seen.add(row);
    }
  }
}
