package io.sparkem.core;

import io.sparkem.math.QuantileSketch;
import java.io.Serializable;
import java.util.Arrays;

/**
 * What one pass keeps of the records' log-densities log p(x_i | θ) = log Σ_j π_j f_j(x_i): a
 * weighted {@link QuantileSketch} of them, and for each threshold t_r the weight of the records
 * whose log-density is below it (exactly, not from the sketch). A fit's last pass fills one for
 * model.json's {@code logDensityQuantiles}; {@code score} fills one with the training quantiles as
 * thresholds. Mergeable like the statistics it travels in.
 */
public final class RecordDensities implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] thresholds;
  private final double[] weightBelow;
  private final QuantileSketch sketch;

  /** Collects a sketch, and the weight below each of {@code thresholds} (may be empty). */
  public RecordDensities(double[] thresholds) {
    this.thresholds = thresholds.clone();
    this.weightBelow = new double[thresholds.length];
    this.sketch = new QuantileSketch();
  }

  /** Adds one record's log-density with its weight w ≥ 0. */
  public void add(double logDensity, double w) {
    addAll(new double[] {logDensity}, new double[] {w}, 0, 1);
  }

  /** Adds the records' log-densities {@code logDensity[from..from+n)} with their weights {@code w[from..)}. */
  public void addAll(double[] logDensity, double[] w, int from, int n) {
    sketch.addAll(logDensity, w, from, n);
    for (int r = 0; r < thresholds.length; r++) {
      double t = thresholds[r];
      double below = 0;
      for (int i = from; i < from + n; i++) {
        if (logDensity[i] < t) {
          below += w[i];
        }
      }
      weightBelow[r] += below;
    }
  }

  /** Adds {@code other} (same thresholds) into this and returns this; {@code other} is unchanged. */
  public RecordDensities merge(RecordDensities other) {
    if (!Arrays.equals(thresholds, other.thresholds)) {
      throw new IllegalArgumentException("record densities of different thresholds cannot be merged");
    }
    sketch.merge(other.sketch);
    for (int r = 0; r < thresholds.length; r++) {
      weightBelow[r] += other.weightBelow[r];
    }
    return this;
  }

  /** An empty collector with the same thresholds. */
  public RecordDensities emptyCopy() {
    return new RecordDensities(thresholds);
  }

  /** The sketch of the log-densities (weighted). */
  public QuantileSketch sketch() {
    return sketch;
  }

  /** The thresholds t_r. */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** Σ w_i over the records with log p(x_i) &lt; t_r, per threshold. */
  public double[] weightBelow() {
    return weightBelow.clone();
  }
}
