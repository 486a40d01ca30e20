package io.sparkem.fit;

import java.util.Locale;

/**
 * The progress line's time estimate: mean seconds per iteration so far × iterations left up to
 * {@code --max-iter}. An upper bound ("≤"), as convergence usually comes earlier.
 */
final class Eta {

  private Eta() {}

  /**
   * {@code "eta ≤ 12 s"}, {@code "eta ≤ 3 min 20 s"}, {@code "eta ≤ 2 h 05 min"}; empty when no
   * iteration is left or nothing is known yet.
   */
  static String format(double meanSecondsPerIteration, int remainingIterations) {
    if (remainingIterations <= 0 || !(meanSecondsPerIteration >= 0) || Double.isInfinite(meanSecondsPerIteration)) {
      return "";
    }
    double s = meanSecondsPerIteration * remainingIterations;
    double tenths = Math.ceil(s * 10);
    if (tenths < 100) {
      return String.format(Locale.ROOT, "eta ≤ %.1f s", tenths / 10);
    }
    long whole = (long) Math.ceil(s);
    if (whole < 60) {
      return "eta ≤ " + whole + " s";
    }
    if (whole < 3600) {
      return String.format(Locale.ROOT, "eta ≤ %d min %02d s", whole / 60, whole % 60);
    }
    long minutes = (whole + 59) / 60;
    return String.format(Locale.ROOT, "eta ≤ %d h %02d min", minutes / 60, minutes % 60);
  }
}
