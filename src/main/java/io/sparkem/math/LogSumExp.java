package io.sparkem.math;

/**
 * log Σ exp(a_j) without overflow or underflow: shift by the maximum, so the largest term is
 * exp(0) = 1 and the sum lies in [1, n].
 */
public final class LogSumExp {

  private LogSumExp() {}

  /** log Σ_{j<len} exp(a[from + j]); −∞ when every term is −∞; NaN if any term is NaN or +∞ mixes. */
  public static double ofRow(double[] a, int from, int len) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = from; j < from + len; j++) {
      if (a[j] > max || Double.isNaN(a[j])) {
        max = a[j];
      }
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max) || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int j = from; j < from + len; j++) {
      sum += Math.exp(a[j] - max);
    }
    return max + Math.log(sum);
  }

  /** log Σ exp(a_j) over the whole array. */
  public static double of(double... a) {
    return ofRow(a, 0, a.length);
  }
}
