package io.sparkem.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Where each value of a block row comes from in a Spark {@code Row} of the input frame.
 *
 * @param featureIndex  row positions of the feature columns, in block-column order
 * @param featureNames  their names, for error messages and model.json
 * @param weightIndex   position of the weight column, or −1 (unit weights)
 * @param appendedIndex position of the column whose value is appended to the block row after the
 *     features — binomial's trials or regression's label — or −1
 * @param appendedConst a constant appended value instead (binomial's {@code --trials N}), or 0
 * @param corruptIndex  position of Spark's {@code _corrupt_record} column, or −1
 * @param vectorIndex   libsvm: position of the features vector column, or −1
 * @param fileIndex     position of the source file path column
 * @param splitIndex    position of the split's start offset column
 * @param weightName    name of the weight column (messages)
 * @param appendedName  name of the appended column (messages)
 */
record ColumnPlan(int[] featureIndex, List<String> featureNames, int weightIndex, int appendedIndex,
    int appendedConst, int corruptIndex, int vectorIndex, int fileIndex, int splitIndex,
    String weightName, String appendedName) implements Serializable {

  /** Width of a block row: the features, plus the trials or the label when the family reads them. */
  int width() {
    return featureNames.size() + (appendedIndex >= 0 || appendedConst > 0 ? 1 : 0);
  }

  /** The column name of block column {@code c}. */
  String columnName(int c) {
    return c < featureNames.size() ? featureNames.get(c) : appendedName;
  }
}
