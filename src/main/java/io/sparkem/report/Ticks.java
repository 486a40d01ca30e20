package io.sparkem.report;

import java.util.ArrayList;
import java.util.List;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 × 10ⁿ (Heckbert, "Nice numbers for graph labels",
 * Graphics Gems, 1990), about {@code target} of them covering [lo, hi].
 *
 * @param lo    the axis's lower end (a multiple of {@code step} at or below the data)
 * @param hi    the axis's upper end (a multiple of {@code step} at or above the data)
 * @param step  distance between ticks
 */
record Ticks(double lo, double hi, double step) {

  static Ticks of(double min, double max, int target) {
    if (!(max > min)) { // one value (or none): centre it in a unit-wide window
      double c = Double.isFinite(min) ? min : 0;
      double half = c == 0 ? 1 : Math.abs(c) * 0.05;
      min = c - half;
      max = c + half;
    }
    double raw = (max - min) / Math.max(1, target);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    double step = nice * magnitude;
    return new Ticks(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
  }

  /** The tick values from lo to hi. */
  List<Double> values() {
    List<Double> out = new ArrayList<>();
    long n = Math.round((hi - lo) / step);
    for (long i = 0; i <= n; i++) {
      out.add(lo + i * step);
    }
    return out;
  }

  /** A tick label with just enough digits for the step (0.25 → 2 decimals, 100 → none). */
  String label(double v) {
    if (Math.abs(v) < step * 1e-9) {
      return "0";
    }
    double abs = Math.max(Math.abs(lo), Math.abs(hi));
    if (abs >= 1e7 || step < 1e-4) {
      return Text.number(v, 4);
    }
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
  }
}
