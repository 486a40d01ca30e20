package io.sparkem.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sequence records from a Spark ML Dataset (the {@code EmHmm} estimator and its model): the
 * Dataset as the frame the row reader expects, and a failed grouping as an
 * {@link IllegalArgumentException} naming the sequence, or the partition, row and column.
 */
final class SequenceDataset {

  private SequenceDataset() {}

  /**
   * A Dataset as the frame the row reader expects: its own columns, then one column per value of
   * the features vector, then a constant "file" and the partition as the "split" (so a bad record
   * is named by partition and index).
   */
  static SequenceData.Opened open(Dataset<?> dataset, String featuresCol, SequenceColumns columns) {
    Dataset<Row> frame = dataset.toDF();
    List<String> own = Arrays.asList(frame.columns());
    for (String c : List.of(columns.sequenceCol(), columns.orderCol(), featuresCol)) {
      if (!own.contains(c)) {
        throw new IllegalArgumentException("column '" + c + "' does not exist; columns: " + own);
      }
    }
    int d = vectorSize(frame, featuresCol);
    if (columns.categorical() && d != 1) {
      throw new IllegalArgumentException("categorical emissions read one symbol per record, but column '"
          + featuresCol + "' holds vectors of " + d + " values; give a 1-value vector");
    }
    org.apache.spark.sql.Column array = org.apache.spark.ml.functions.vector_to_array(
        org.apache.spark.sql.functions.col(featuresCol), "float64");
    List<String> names = attributeNames(frame, featuresCol, d);
    for (int c = 0; c < d; c++) {
      frame = frame.withColumn("__em_feature_" + c, array.getItem(c));
    }
    frame = withPartition(frame.withColumn(InputReader.FILE, org.apache.spark.sql.functions.lit("Dataset partition")));
    int[] idx = new int[d];
    for (int c = 0; c < d; c++) {
      idx[c] = own.size() + c;
    }
    return new SequenceData.Opened(frame, new SequencePlan(columns, own.indexOf(columns.sequenceCol()),
        own.indexOf(columns.orderCol()), idx, names, -1, own.size() + d, own.size() + d + 1));
  }

  /**
   * {@code frame} with its partition number as a last column. The number comes from the RDD, not
   * {@code spark_partition_id()}: on a local relation Spark evaluates that expression on the driver,
   * where it is 0 for every row (as {@link SparkData#fromVectors} found).
   */
  private static Dataset<Row> withPartition(Dataset<Row> frame) {
    JavaRDD<Row> rows = frame.javaRDD().mapPartitionsWithIndex((index, it) -> new java.util.Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        Row r = it.next();
        Object[] values = new Object[r.size() + 1];
        for (int c = 0; c < r.size(); c++) {
          values[c] = r.get(c);
        }
        values[r.size()] = (long) index;
        return RowFactory.create(values);
      }
    }, true);
    return frame.sparkSession().createDataFrame(rows, frame.schema().add(InputReader.SPLIT, DataTypes.LongType, false));
  }

  /**
   * The emission names model.json lists: the ML attributes VectorAssembler writes (so a vector
   * assembled from "roll" is named "roll", as the CLI names it), else column[0], column[1], ...
   */
  private static List<String> attributeNames(Dataset<Row> frame, String column, int d) {
    org.apache.spark.ml.attribute.AttributeGroup group = org.apache.spark.ml.attribute.AttributeGroup
        .fromStructField(frame.schema().apply(column));
    List<String> names = new ArrayList<>();
    if (group.attributes().isDefined() && group.attributes().get().length == d) {
      for (var a : group.attributes().get()) {
        names.add(a.name().isDefined() ? a.name().get() : column + "[" + names.size() + "]");
      }
      return names;
    }
    for (int c = 0; c < d; c++) {
      names.add(d == 1 ? column : column + "[" + c + "]");
    }
    return names;
  }

  /** The size of the first non-null vector of {@code column}. */
  private static int vectorSize(Dataset<Row> frame, String column) {
    List<Row> first = frame.select(column).where(org.apache.spark.sql.functions.col(column).isNotNull())
        .limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new IllegalArgumentException("column '" + column + "' has no vectors (the Dataset is empty or "
          + "every value is null)");
    }
    return ((org.apache.spark.ml.linalg.Vector) first.get(0).get(0)).size();
  }

  /** A failed grouping of a Dataset: the bad record, repeated order value or overlong sequence, named. */
  static RuntimeException translate(Exception e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof DuplicateOrderException d) {
        return new IllegalArgumentException("order value " + format(d.order) + " repeats within sequence '"
            + d.key + "'; order values must be unique within a sequence", e);
      }
      if (c instanceof SequenceTooLongException t) {
        return new IllegalArgumentException("sequence '" + t.key + "' has more than " + t.limit
            + " records; split it into shorter sequences", e);
      }
      if (c instanceof BadRecordException b) {
        return new IllegalArgumentException(b.problem + " (Dataset partition " + b.splitStart + ", row "
            + b.indexInSplit + (b.column == null ? "" : ", column '" + b.column + "'") + ")", e);
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
