package io.sparkem.math;

/**
 * Sorts values ascending together with a weight per value (parallel arrays), for
 * {@link QuantileSketch}: a least-significant-digit radix sort on the doubles' bits, eight passes of
 * one byte, skipping every byte that all values share (the sign and exponent bytes of numbers in a
 * narrow range, as log-densities are). Each value's bits are mapped to a key whose unsigned order is
 * the numeric order (positive: sign bit flipped; negative: every bit flipped), so −0.0 sorts before
 * 0.0 and NaN is not expected. When every weight is the same — unweighted data, the usual case —
 * the weights are not moved. Stable. Linear in n; on 2^14 values about a fifth of the time of the
 * JDK's comparison sort, which is what the sketch spends most of its time on.
 */
final class PairSort {

  private PairSort() {}

  /** Sorts {@code v[0..n)} ascending, permuting {@code w[0..n)} alike. */
  static void sort(double[] v, double[] w, int n) {
    if (n < 2) {
      return;
    }
    boolean uniform = true;
    for (int i = 1; i < n && uniform; i++) {
      uniform = w[i] == w[0];
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = key(v[i]);
    }
    long[] keysOut = new long[n];
    double[] wIn = w;
    double[] wOut = uniform ? null : new double[n];
    int[] count = new int[256];
    for (int shift = 0; shift < 64; shift += 8) {
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) (keys[i] >>> shift) & 0xFF]++;
      }
      if (count[(int) (keys[0] >>> shift) & 0xFF] == n) {
        continue; // every key has this byte: the pass would change nothing
      }
      int sum = 0;
      for (int b = 0; b < 256; b++) {
        int c = count[b];
        count[b] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int at = count[(int) (keys[i] >>> shift) & 0xFF]++;
        keysOut[at] = keys[i];
        if (wOut != null) {
          wOut[at] = wIn[i];
        }
      }
      long[] t = keys;
      keys = keysOut;
      keysOut = t;
      if (wOut != null) {
        double[] u = wIn;
        wIn = wOut;
        wOut = u;
      }
    }
    for (int i = 0; i < n; i++) {
      v[i] = value(keys[i]);
    }
    if (!uniform && wIn != w) {
      System.arraycopy(wIn, 0, w, 0, n);
    }
  }

  /** The bits of {@code x} as a key whose unsigned order is the numeric order. */
  static long key(double x) {
    long b = Double.doubleToRawLongBits(x);
    return b ^ ((b >> 63) | Long.MIN_VALUE);
  }

  /** The double of a {@link #key}. */
  static double value(long key) {
    long b = key ^ (((~key) >> 63) | Long.MIN_VALUE);
    return Double.longBitsToDouble(b);
  }
}
