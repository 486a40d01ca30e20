package io.sparkem.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Where each value of a block row comes from in a Spark {@code Row} of the input frame.
 *
 * @param featureIndex  row positions of the feature columns, in block-column order
 * @param featureNames  their names, for error messages and model.json
 * @param weightIndex   position of the weight column, or −1 (unit weights)
 * @param trialsIndex   position of the binomial trials column, or −1
 * @param trialsConst   a constant number of trials (binomial), or 0
 * @param corruptIndex  position of Spark's {@code _corrupt_record} column, or −1
 * @param vectorIndex   libsvm: position of the features vector column, or −1
 * @param fileIndex     position of the source file path column
 * @param splitIndex    position of the split's start offset column
 * @param weightName    name of the weight column (messages)
 * @param trialsName    name of the trials column (messages)
 */
record ColumnPlan(int[] featureIndex, List<String> featureNames, int weightIndex, int trialsIndex,
    int trialsConst, int corruptIndex, int vectorIndex, int fileIndex, int splitIndex,
    String weightName, String trialsName) implements Serializable {

  /** Width of a block row: the features, plus the trials when the family reads them. */
  int width() {
    return featureNames.size() + (trialsIndex >= 0 || trialsConst > 0 ? 1 : 0);
  }

  /** The column name of block column {@code c}. */
  String columnName(int c) {
    return c < featureNames.size() ? featureNames.get(c) : trialsName;
  }
}
