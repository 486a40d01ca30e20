package io.sparkem.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The E-step of one θ, with everything that depends only on θ precomputed on the driver
 * (Cholesky factors, log-determinants, log-weights). It is broadcast to the executors once per
 * iteration and must be immutable: tasks call it concurrently.
 */
public interface EStep extends Serializable {

  /** A zero of the statistics this E-step folds into. */
  SufficientStats zero();

  /**
   * Runs the E-step on {@code block} and adds the block's contribution to {@code into}
   * (which came from {@link #zero()}). Per-record responsibilities are never kept.
   */
  void accumulate(Block block, SufficientStats into);

  /**
   * This E-step, also collecting every record's log-density log p(x | θ) into its statistics'
   * {@link RecordDensities} (with the weight below each of {@code thresholds}); its statistics are
   * otherwise bit for bit this E-step's. Empty for a family without a density per record (k-means)
   * or whose records are not independent (a hidden Markov model).
   */
  default java.util.Optional<EStep> collectingDensities(double[] thresholds) {
    return java.util.Optional.empty();
  }

  /**
   * E-steps with equal non-null keys may run over a block together ({@link #accumulateJointly}),
   * sharing work such as the transposition of the block; null (the default): alone.
   */
  default Object jointKey() {
    return null;
  }

  /**
   * Runs {@code steps} (this one among them, all of this one's {@link #jointKey()}) over one block:
   * {@code into.get(i)} receives exactly, bit for bit, what {@code steps.get(i).accumulate(block,
   * into.get(i))} would add. The default does just that, one after another.
   */
  default void accumulateJointly(List<? extends EStep> steps, Block block, List<? extends SufficientStats> into) {
    for (int i = 0; i < steps.size(); i++) {
      steps.get(i).accumulate(block, into.get(i));
    }
  }

  /**
   * Every E-step of a pass over one block: those with equal {@link #jointKey()}s together, the
   * others alone; {@code into.get(i)} is step i's statistics.
   */
  static void accumulateAll(List<? extends EStep> steps, Block block, List<? extends SufficientStats> into) {
    int n = steps.size();
    boolean[] done = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (done[i]) {
        continue;
      }
      Object key = steps.get(i).jointKey();
      List<EStep> group = new ArrayList<>(List.of(steps.get(i)));
      List<SufficientStats> groupInto = new ArrayList<>(List.of(into.get(i)));
      for (int j = i + 1; key != null && j < n; j++) {
        if (!done[j] && key.equals(steps.get(j).jointKey())) {
          group.add(steps.get(j));
          groupInto.add(into.get(j));
          done[j] = true;
        }
      }
      if (group.size() == 1) {
        steps.get(i).accumulate(block, into.get(i));
      } else {
        steps.get(i).accumulateJointly(group, block, groupInto);
      }
    }
  }
}
