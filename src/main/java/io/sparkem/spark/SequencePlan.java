package io.sparkem.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Where the values of a sequence record sit in a Spark {@code Row} of the input frame.
 *
 * @param columns       the sequence and order columns and the emission kind
 * @param sequenceIndex position of the sequence column
 * @param orderIndex    position of the order column
 * @param featureIndex  positions of the emission columns (categorical: one)
 * @param featureNames  their names
 * @param corruptIndex  position of Spark's {@code _corrupt_record} column, or −1
 * @param fileIndex     position of the source file column
 * @param splitIndex    position of the split-start column
 */
record SequencePlan(SequenceColumns columns, int sequenceIndex, int orderIndex, int[] featureIndex,
    List<String> featureNames, int corruptIndex, int fileIndex, int splitIndex) implements Serializable {

  /** Values per record in a {@link SequenceBuffer}: the features, or a symbol's index. */
  int bufferWidth() {
    return columns.categorical() ? 1 : featureIndex.length;
  }

  /** Values per block row: the features, or one column per symbol (one-hot). */
  int blockWidth() {
    return columns.categorical() ? columns.alphabet().size() : featureIndex.length;
  }
}
