package io.sparkem.math;

import java.util.Arrays;

/**
 * Sorts values ascending together with a weight per value (parallel arrays), for
 * {@link QuantileSketch}. When every weight is the same — unweighted data, the usual case — the
 * values alone go through the JDK's primitive sort; otherwise a bottom-up merge sort moves both
 * arrays. Stable in the second case; ties are interchangeable in the first.
 */
final class PairSort {

  private PairSort() {}

  /** Sorts {@code v[0..n)} ascending, permuting {@code w[0..n)} alike. */
  static void sort(double[] v, double[] w, int n) {
    boolean uniform = true;
    for (int i = 1; i < n && uniform; i++) {
      uniform = w[i] == w[0];
    }
    if (uniform) {
      Arrays.sort(v, 0, n);
      return;
    }
    double[] sv = new double[n];
    double[] sw = new double[n];
    double[] fromV = v;
    double[] fromW = w;
    double[] toV = sv;
    double[] toW = sw;
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        for (int o = lo; o < hi; o++) {
          boolean left = j >= hi || (i < mid && fromV[i] <= fromV[j]);
          toV[o] = left ? fromV[i] : fromV[j];
          toW[o] = left ? fromW[i++] : fromW[j++];
        }
      }
      double[] t = fromV;
      fromV = toV;
      toV = t;
      t = fromW;
      fromW = toW;
      toW = t;
    }
    if (fromV != v) {
      System.arraycopy(fromV, 0, v, 0, n);
      System.arraycopy(fromW, 0, w, 0, n);
    }
  }
}
