package io.sparkem.core;

import java.io.Serializable;

/**
 * A block of records as the E-step reads them: dense row-major features and one weight per row.
 *
 * <p>Blocks are what the data set is cached as (thousands of rows each), so that kernels run
 * BLAS-3 shaped loops over contiguous memory instead of touching one object per record.
 *
 * @param rows number of records in the block
 * @param dim  number of features per record
 * @param x    features, {@code rows × dim} row-major: record i, feature j at {@code x[i*dim + j]}
 * @param w    record weights, length {@code rows}, each {@code >= 0}
 * @param skipped bad input records dropped while this block was built ({@code --on-bad-record
 *     skip}); carried with the data so that the count is exact even when a partition is recomputed
 * @param sequenceOffsets null when the records are independent (mixtures); for sequence models
 *     (hidden Markov models) the block holds whole sequences, sequence s being rows
 *     {@code [sequenceOffsets[s], sequenceOffsets[s+1])} in time order: length sequences + 1,
 *     starting at 0, non-decreasing, ending at {@code rows}
 */
public record Block(int rows, int dim, double[] x, double[] w, long skipped, int[] sequenceOffsets)
    implements Serializable {

  public Block(int rows, int dim, double[] x, double[] w) {
    this(rows, dim, x, w, 0);
  }

  public Block(int rows, int dim, double[] x, double[] w, long skipped) {
    this(rows, dim, x, w, skipped, null);
  }

  public Block {
    if (rows < 0 || dim < 1) {
      throw new IllegalArgumentException("block of " + rows + " rows × " + dim + " features");
    }
    if (x.length < (long) rows * dim || w.length < rows) {
      throw new IllegalArgumentException("block arrays shorter than " + rows + " × " + dim);
    }
    if (sequenceOffsets != null && (sequenceOffsets.length == 0 || sequenceOffsets[0] != 0
        || sequenceOffsets[sequenceOffsets.length - 1] != rows)) {
      throw new IllegalArgumentException("sequence offsets must run from 0 to " + rows);
    }
  }

  /** A block of whole sequences: see {@code sequenceOffsets}. */
  public static Block ofSequences(int dim, double[] x, double[] w, int[] sequenceOffsets) {
    return new Block(w.length, dim, x, w, 0, sequenceOffsets);
  }

  /** Number of sequences in a block of sequences; 0 for a block of independent records. */
  public int sequences() {
    return sequenceOffsets == null ? 0 : sequenceOffsets.length - 1;
  }

  /** A block of unit-weight rows. */
  public static Block unweighted(int dim, double[][] rows) {
    double[] x = new double[rows.length * dim];
    double[] w = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, not " + dim);
      }
      System.arraycopy(rows[i], 0, x, i * dim, dim);
      w[i] = 1.0;
    }
    return new Block(rows.length, dim, x, w);
  }

  /** Feature j of record i. */
  public double get(int i, int j) {
    return x[i * dim + j];
  }

  /** Total weight of the block's records. */
  public double totalWeight() {
    double s = 0;
    for (int i = 0; i < rows; i++) {
      s += w[i];
    }
    return s;
  }
}
