package io.sparkem.core;

import java.util.List;

/**
 * A data set the EM loop can pass over: in memory ({@link LocalStatisticsSource}) or a cached
 * Spark RDD of blocks. One call of {@link #pass} reads every record once, whatever the number of
 * E-steps it is given — that is how restarts share passes.
 */
public interface StatisticsSource {

  /** One pass: runs each E-step over every block; element i of the result belongs to steps[i]. */
  List<SufficientStats> pass(List<? extends EStep> steps);

  /**
   * A pass over the blocks of {@code subset} only (a mini-batch step): the same E-steps and merges
   * as {@link #pass(List)}, skipping every other block. The statistics' {@link
   * SufficientStats#records} count the records read. {@link MiniBatch.BlockSubset#ALL} is a full pass.
   */
  default List<SufficientStats> pass(List<? extends EStep> steps, MiniBatch.BlockSubset subset) {
    if (subset.isAll()) {
      return pass(steps);
    }
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no mini-batch passes");
  }

  /** Number of features per record. */
  int dimension();

  /** Number of records. */
  long records();

  /** Σ record weights. */
  double totalWeight();

  /**
   * A reproducible random subset of about {@code maxRows} records (all of them when there are fewer),
   * for initialisation. Same seed and same partitioning give the same rows.
   */
  Block sample(int maxRows, long seed);

  /** Number of distinct records, counted up to {@code limit} (returns {@code limit} when there are more). */
  int distinctRecords(int limit);
}
