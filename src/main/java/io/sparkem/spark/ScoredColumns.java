package io.sparkem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The output rows of {@code predict}, mixtures ({@link Predictor}) and hidden Markov models
 * ({@link SequencePredictor}) alike: the input's own columns, unchanged (not the reader's file,
 * split and corrupt-record helpers), then an int label column ({@code cluster} or {@code state})
 * and the k probabilities — one {@code probabilities} array column, or {@code p_0..p_{k-1}}
 * columns for formats without arrays (CSV) — and, for a model with a density, the double column
 * {@value #LOG_DENSITY}: the record's log p(x | θ) (a hidden Markov model: given the records before
 * it in its sequence). Shipped to the executors, so serializable.
 */
final class ScoredColumns implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The name of the log-density column. */
  static final String LOG_DENSITY = "logDensity";

  private final int[] kept;
  private final int k;
  private final boolean split;
  private final boolean logDensity;
  private final StructType schema;

  ScoredColumns(StructType input, String labelCol, int k, InputFormat outFormat, boolean logDensity) {
    List<Integer> keep = new ArrayList<>();
    StructType out = new StructType();
    for (int i = 0; i < input.fields().length; i++) {
      StructField f = input.fields()[i];
      if (!Arrays.asList(InputReader.CORRUPT, InputReader.FILE, InputReader.SPLIT).contains(f.name())) {
        keep.add(i);
        out = out.add(f);
      }
    }
    this.kept = keep.stream().mapToInt(Integer::intValue).toArray();
    this.k = k;
    this.split = outFormat == InputFormat.CSV;
    this.logDensity = logDensity;
    out = out.add(labelCol, DataTypes.IntegerType, false);
    if (split) {
      for (int j = 0; j < k; j++) {
        out = out.add("p_" + j, DataTypes.DoubleType, false);
      }
    } else {
      out = out.add("probabilities", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    }
    if (logDensity) {
      out = out.add(LOG_DENSITY, DataTypes.DoubleType, false);
    }
    this.schema = out;
  }

  StructType schema() {
    return schema;
  }

  /**
   * The output row of input row {@code r}: its kept columns, {@code label}, {@code p[off..off+k)}
   * and, when the columns have it, {@code logDensity}.
   */
  Row row(Row r, int label, double[] p, int off, double logDensity) {
    int probabilities = split ? k : 1;
    Object[] values = new Object[kept.length + 1 + probabilities + (this.logDensity ? 1 : 0)];
    for (int c = 0; c < kept.length; c++) {
      values[c] = r.get(kept[c]);
    }
    values[kept.length] = label;
    if (split) {
      for (int j = 0; j < k; j++) {
        values[kept.length + 1 + j] = p[off + j];
      }
    } else {
      values[kept.length + 1] = Arrays.copyOfRange(p, off, off + k);
    }
    if (this.logDensity) {
      values[kept.length + 1 + probabilities] = logDensity;
    }
    return RowFactory.create(values);
  }

  /**
   * Writes {@code rows} to {@code out}'s temporary directory in {@code format}; an executor failure
   * is {@code failure}'s to translate. Returns the number of rows written.
   */
  long write(SparkSession spark, JavaRDD<Row> rows, InputFormat format, OutputDirectory out,
      Function<Exception, RuntimeException> failure) {
    // Counted as they are written: a ResultTask's accumulator updates count once per partition,
    // and reading the output back would cost a pass (and list a hidden directory, which Spark
    // warns about).
    LongAccumulator written = spark.sparkContext().longAccumulator("records written");
    Dataset<Row> result = spark.createDataFrame(rows.map(r -> {
      written.add(1);
      return r;
    }), schema);
    String name = format.name().toLowerCase();
    try {
      result.write().format(name).option("header", "true").save(out.temporaryUri());
    } catch (Exception e) { // Spark rethrows its checked SparkException unchecked
      throw failure.apply(e);
    }
    return written.value();
  }
}
