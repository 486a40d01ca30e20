package io.sparkem.family;

import io.sparkem.core.RecordCheck;

/**
 * The load-time record rules the count families share. Messages complete the loader's
 * "column 'c': value v …", so they start with "must" and do not repeat the value.
 */
public final class RecordChecks {

  private RecordChecks() {}

  /** Every value 0 or 1 (bernoulli). */
  public static final RecordCheck BINARY = (x, off, d) -> {
    for (int a = 0; a < d; a++) {
      double v = x[off + a];
      if (v != 0 && v != 1) {
        return new RecordCheck.Problem(a, "must be 0 or 1");
      }
    }
    return null;
  };

  /** Every value a non-negative integer count (poisson, multinomial). */
  public static final RecordCheck COUNTS = (x, off, d) -> {
    for (int a = 0; a < d; a++) {
      if (!isCount(x[off + a])) {
        return new RecordCheck.Problem(a, "must be a non-negative integer count");
      }
    }
    return null;
  };

  /** A finite, non-negative, integer-valued double. */
  public static boolean isCount(double v) {
    return v >= 0 && v == Math.rint(v) && !Double.isInfinite(v);
  }

  /** 3 rather than 3.0, so that messages show the value as the input had it. */
  public static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
