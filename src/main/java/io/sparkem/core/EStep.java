package io.sparkem.core;

import java.io.Serializable;

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
}
