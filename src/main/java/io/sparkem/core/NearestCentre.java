package io.sparkem.core;

import io.sparkem.core.Block;

/** Squared Euclidean distances to a set of centres. */
public final class NearestCentre {

  private NearestCentre() {}

  /** ‖x_i − c‖² for row i of the block. */
  public static double squaredDistance(Block b, int i, double[] c) {
    double s = 0;
    int d = b.dim();
    for (int a = 0; a < d; a++) {
      double t = b.x()[i * d + a] - c[a];
      s += t * t;
    }
    return s;
  }

  /** Index of the nearest centre to each row (ties: lowest index). */
  public static int[] labels(Block b, double[][] centres) {
    int[] labels = new int[b.rows()];
    for (int i = 0; i < b.rows(); i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < centres.length; j++) {
        double dist = squaredDistance(b, i, centres[j]);
        if (dist < best) {
          best = dist;
          labels[i] = j;
        }
      }
    }
    return labels;
  }
}
