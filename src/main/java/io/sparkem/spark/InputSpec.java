package io.sparkem.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Where the records are and which columns to read.
 *
 * @param path      file, directory or glob; any Hadoop file system URI
 * @param format    the file format
 * @param features  columns to use; empty: every numeric column except the weight, trials and label ones
 * @param weightCol per-record weight column ({@code >= 0}), or null
 * @param trialsCol binomial: per-record number of trials, or null
 * @param trials    binomial: a constant number of trials, or 0
 * @param labelCol  regression: the response column, appended to the block row after the features, or null
 * @param onBad     what to do with a bad record
 * @param delimiter csv: the character between values ({@code ","} unless {@code --delimiter})
 */
public record InputSpec(String path, InputFormat format, List<String> features, String weightCol,
    String trialsCol, int trials, String labelCol, BadRecordPolicy onBad, String delimiter)
    implements Serializable {

  public InputSpec {
    features = List.copyOf(features);
    if (delimiter == null || delimiter.length() != 1 || delimiter.equals("\n") || delimiter.equals("\"")) {
      throw new io.sparkem.core.UserError("--delimiter must be one character other than a newline or a quote, "
          + "got '" + delimiter + "' (a tab: --delimiter '\\t')");
    }
  }

  /** Comma-separated values, without a label column. */
  public InputSpec(String path, InputFormat format, List<String> features, String weightCol, String trialsCol,
      int trials, BadRecordPolicy onBad) {
    this(path, format, features, weightCol, trialsCol, trials, null, onBad, ",");
  }

  public static InputSpec csv(String path) {
    return new InputSpec(path, InputFormat.CSV, List.of(), null, null, 0, BadRecordPolicy.FAIL);
  }

  /** Whether the block carries a response column after the features. */
  public boolean hasLabel() {
    return labelCol != null;
  }

  /** Whether the block carries a trials column after the features. */
  public boolean hasTrials() {
    return trialsCol != null || trials > 0;
  }

  public InputSpec withFeatures(List<String> names) {
    return new InputSpec(path, format, names, weightCol, trialsCol, trials, labelCol, onBad, delimiter);
  }
}
