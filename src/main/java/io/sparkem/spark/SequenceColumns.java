package io.sparkem.spark;

import io.sparkem.core.Alphabet;
import java.io.Serializable;
import java.util.List;

/**
 * How the records of sequences are read: which column names the sequence, which orders the records
 * inside it, and the emission values — numeric features, or one categorical symbol column.
 *
 * @param sequenceCol the sequence column (any type; compared as text)
 * @param orderCol    the order column (numbers; unique within a sequence)
 * @param categorical whether the single feature column holds categorical symbols
 * @param alphabet    categorical: the symbols (predict: the model's), or null to collect them
 * @param maxLength   the longest sequence one task may hold
 */
public record SequenceColumns(String sequenceCol, String orderCol, boolean categorical,
    Alphabet alphabet, int maxLength) implements Serializable {

  /**
   * The longest sequence a task handles by default: 10^6 records. The grouping holds a sequence as
   * (16 + 8·d) bytes per record, the E-step as rows × k doubles twice more (log-densities and
   * posteriors), predict also its input rows and T × k Viterbi back-pointers; at 10^6 records,
   * k = 4 and d = 3 that is about 110 MB, within one task's share of a 1 GB executor.
   */
  public static final int DEFAULT_MAX_LENGTH = 1_000_000;

  public SequenceColumns {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1");
    }
  }

  public static SequenceColumns of(String sequenceCol, String orderCol, boolean categorical) {
    return new SequenceColumns(sequenceCol, orderCol, categorical, null, DEFAULT_MAX_LENGTH);
  }

  public SequenceColumns withAlphabet(Alphabet a) {
    return new SequenceColumns(sequenceCol, orderCol, categorical, a, maxLength);
  }

  public SequenceColumns withMaxLength(int max) {
    return new SequenceColumns(sequenceCol, orderCol, categorical, alphabet, max);
  }

  /** The columns that are never emission features. */
  List<String> nonFeatures() {
    return List.of(sequenceCol, orderCol);
  }
}
