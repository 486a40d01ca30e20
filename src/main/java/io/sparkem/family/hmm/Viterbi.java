package io.sparkem.family.hmm;

/**
 * The most probable state path of one sequence (Viterbi 1967; Rabiner 1989, §III.B), in log space:
 * <pre>
 *   δ_0(j) = log π_j + log f_j(x_0)
 *   δ_t(j) = max_i (δ_{t−1}(i) + log a_ij) + log f_j(x_t),   ψ_t(j) = argmax_i
 * </pre>
 * then back-tracking from argmax_j δ_{T−1}(j). Ties go to the lower state index. Memory: T × k
 * back-pointers (ints) and two k-vectors.
 */
final class Viterbi {

  private Viterbi() {}

  /**
   * Writes the path of rows {@code from..from+T−1} into {@code states[from..from+T)}.
   *
   * @param logB     log f_j(x_t) at {@code [(from+t)·k + j]} (not modified)
   * @param logStart log π, length k
   * @param logTrans log a_ij at {@code [i·k + j]}
   * @return the log-probability of the path and the sequence together
   */
  static double path(double[] logB, int from, int T, int k, double[] logStart, double[] logTrans,
      int[] states) {
    int[] back = new int[T * k];
    double[] delta = new double[k];
    double[] next = new double[k];
    for (int j = 0; j < k; j++) {
      delta[j] = logStart[j] + logB[from * k + j];
    }
    for (int t = 1; t < T; t++) {
      int row = (from + t) * k;
      for (int j = 0; j < k; j++) {
        double best = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int i = 0; i < k; i++) {
          double v = delta[i] + logTrans[i * k + j];
          if (v > best) {
            best = v;
            arg = i;
          }
        }
        next[j] = best + logB[row + j];
        back[t * k + j] = arg;
      }
      double[] swap = delta;
      delta = next;
      next = swap;
    }
    int s = 0;
    for (int j = 1; j < k; j++) {
      if (delta[j] > delta[s]) {
        s = j;
      }
    }
    double score = delta[s];
    for (int t = T - 1; t >= 0; t--) {
      states[from + t] = s;
      s = back[t * k + s];
    }
    return score;
  }
}
