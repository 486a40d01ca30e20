package io.sparkem.init;

import io.sparkem.core.Block;
import io.sparkem.core.NearestCentre;
import java.util.SplittableRandom;

/**
 * Weighted k-means++ seeding (Arthur &amp; Vassilvitskii 2007): the first centre with probability
 * ∝ w_i, each next one with probability ∝ w_i·D(x_i)², D the distance to the nearest chosen centre;
 * then Lloyd iterations on the same sample.
 */
public final class KMeansPlusPlus {

  private KMeansPlusPlus() {}

  /** k centres chosen from the rows of {@code sample}; needs at least k distinct rows. */
  public static double[][] seed(Block sample, int k, SplittableRandom rng) {
    int n = sample.rows();
    int d = sample.dim();
    double[][] centres = new double[k][];
    double[] dist = new double[n];
    java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
    centres[0] = row(sample, pick(sample.w(), n, null, rng));
    for (int j = 1; j < k; j++) {
      for (int i = 0; i < n; i++) {
        dist[i] = Math.min(dist[i], NearestCentre.squaredDistance(sample, i, centres[j - 1]));
      }
      centres[j] = row(sample, pick(sample.w(), n, dist, rng));
    }
    assert centres[0].length == d;
    return centres;
  }

  /**
   * Row index below n drawn with probability ∝ w_i (× dist_i when given). n is the block's row
   * count: a block's weight array may be longer than its rows.
   */
  private static int pick(double[] w, int n, double[] dist, SplittableRandom rng) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w[i] * (dist == null ? 1 : dist[i]);
    }
    if (!(total > 0)) {
      throw new IllegalStateException("k-means++: no row is farther than 0 from the chosen centres");
    }
    double u = rng.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < n; i++) {
      double p = w[i] * (dist == null ? 1 : dist[i]);
      if (p > 0) {
        last = i;
        u -= p;
        if (u < 0) {
          return i;
        }
      }
    }
    return last;
  }

  private static double[] row(Block b, int i) {
    double[] r = new double[b.dim()];
    System.arraycopy(b.x(), i * b.dim(), r, 0, b.dim());
    return r;
  }

  /**
   * Lloyd's algorithm on the sample from the given centres: at most {@code maxIter} rounds of
   * assign-then-average; a centre that loses all its rows stays where it is. Returns the labels.
   */
  public static int[] lloyd(Block sample, double[][] centres, int maxIter) {
    int k = centres.length;
    int d = sample.dim();
    int[] labels = NearestCentre.labels(sample, centres);
    for (int it = 0; it < maxIter; it++) {
      double[][] sum = new double[k][d];
      double[] w = new double[k];
      for (int i = 0; i < sample.rows(); i++) {
        w[labels[i]] += sample.w()[i];
        for (int a = 0; a < d; a++) {
          sum[labels[i]][a] += sample.w()[i] * sample.get(i, a);
        }
      }
      for (int j = 0; j < k; j++) {
        if (w[j] > 0) {
          for (int a = 0; a < d; a++) {
            centres[j][a] = sum[j][a] / w[j];
          }
        }
      }
      int[] next = NearestCentre.labels(sample, centres);
      if (java.util.Arrays.equals(next, labels)) {
        break;
      }
      labels = next;
    }
    return labels;
  }
}
