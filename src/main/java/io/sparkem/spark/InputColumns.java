package io.sparkem.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The column names of an input as its reader sees them (a CSV header, a Parquet or JSON schema),
 * without reading its rows: for checks that compare them with a saved model's features before any
 * work is done. LibSVM inputs name their features f1..fd.
 */
public final class InputColumns {

  private InputColumns() {}

  /** The input's own columns, in order. */
  public static List<String> of(SparkSession spark, InputSpec spec) {
    if (spec.format() == InputFormat.LIBSVM) {
      return InputReader.open(spark, spec).plan().featureNames();
    }
    return InputReader.userColumns(Arrays.asList(InputReader.frame(spark, spec).columns()));
  }
}
