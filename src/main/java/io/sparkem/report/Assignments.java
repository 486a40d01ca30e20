package io.sparkem.report;

import io.sparkem.core.Block;
import io.sparkem.core.MixtureEStep;

/** The most probable component of each row, through the same E-step the fit used. */
public final class Assignments {

  private Assignments() {}

  /**
   * argmax_j r_ij for each row of {@code rows} ({@code n × width}, width being the family's block
   * width), ties to the lower index.
   */
  public static int[] mostProbable(MixtureEStep step, double[][] rows, int width) {
    int n = rows.length;
    int k = step.k();
    int[] out = new int[n];
    if (n == 0) {
      return out;
    }
    double[] x = new double[n * width];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i], 0, x, i * width, width);
      w[i] = 1;
    }
    double[] p = new double[n * k];
    step.posteriors(new Block(n, width, x, w), p, false);
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (p[i * k + j] > p[i * k + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }
}
