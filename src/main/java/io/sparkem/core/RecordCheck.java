package io.sparkem.core;

import java.io.Serializable;

/**
 * A family's rule for valid records, applied once while the input is loaded (after the generic
 * check that every value is a finite number): binary values for bernoulli, non-negative integer
 * counts for poisson and multinomial, and so on. Runs on the executors.
 */
@FunctionalInterface
public interface RecordCheck extends Serializable {

  /**
   * The problem with the record {@code x[off..off+d)}, or {@code null} when it is valid.
   * {@code d} is the block width the family reads (features, plus trials for binomial).
   */
  Problem check(double[] x, int off, int d);

  /**
   * Whether a missing feature cell (empty, null or NaN; never ±∞) is valid input, read as NaN
   * before {@link #check} sees the record ({@code --missing marginalize}). False by default: a
   * missing cell is bad input.
   */
  default boolean allowsMissing() {
    return false;
  }

  /** Any finite values are fine (gaussian, kmeans). */
  RecordCheck ANY = (x, off, d) -> null;

  /**
   * What is wrong with a record.
   *
   * @param column  0-based index into the block row (the loader maps it to the column name)
   * @param message what is wrong and what would be right, e.g. "must be 0 or 1"
   */
  record Problem(int column, String message) implements Serializable {}
}
