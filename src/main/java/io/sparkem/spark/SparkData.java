package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.RecordCheck;
import io.sparkem.core.UserError;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The input, read and validated once, cached as blocks ({@code MEMORY_AND_DISK}: deserialised
 * {@code double[]} in memory, spilled to disk when executors run short; {@code DISK_ONLY} when the
 * input files are estimated larger than the storage memory, see {@link StoragePlan}), with the
 * per-partition counts every later job needs.
 *
 * @param blocks       the cached blocks
 * @param firstRow     index in the whole data set of each partition's first record
 * @param records      number of valid records
 * @param totalWeight  Σ weights
 * @param skipped      bad records dropped ({@code --on-bad-record skip})
 * @param features     the feature column names
 * @param width        values per block row (features, plus trials for binomial)
 */
public record SparkData(JavaRDD<Block> blocks, long[] firstRow, long records, double totalWeight,
    long skipped, List<String> features, int width) {

  /** Reads, validates and caches the input; a bad record is a {@link UserError} naming it. */
  public static SparkData load(SparkSession spark, InputSpec spec, RecordCheck check) {
    InputReader.Opened in = InputReader.open(spark, spec);
    StoragePlan storage = StoragePlan.of(spark, InputSize.rows(spark, spec), in.plan().width());
    return cache(in.frame().javaRDD(), in.plan(), storage, check, spec.onBad(), spec.path(), spec.weightCol(), "check --input",
        e -> translate(e, in, spec));
  }

  /**
   * The records of an in-memory Dataset (the Spark ML estimator's input): {@code featuresCol} holds
   * ml {@code Vector}s of {@code featureNames.size()} values, {@code weightCol} (or null) a number
   * ≥ 0. Validated exactly as files are; a bad record is an {@link IllegalArgumentException}
   * naming the column, the partition and the row within it.
   */
  public static SparkData fromVectors(Dataset<?> dataset, String featuresCol, String weightCol,
      List<String> featureNames, RecordCheck check) {
    return fromVectors(dataset, featuresCol, weightCol, null, featureNames, check);
  }

  /**
   * {@link #fromVectors(Dataset, String, String, List, RecordCheck)} with a numeric response column
   * {@code labelCol} (regression), appended to each block row after the features; null for none.
   */
  public static SparkData fromVectors(Dataset<?> dataset, String featuresCol, String weightCol, String labelCol,
      List<String> featureNames, RecordCheck check) {
    Dataset<Row> frame = dataset.toDF().select(
        functions.col(featuresCol),
        weightCol == null ? functions.lit(1.0) : functions.col(weightCol).cast("double"),
        functions.lit(featuresCol).as("_em_source"),
        labelCol == null ? functions.lit(0.0) : functions.col(labelCol).cast("double"));
    // The partition number comes from the RDD, not spark_partition_id(): on a local relation Spark
    // evaluates that expression on the driver, where it is 0 for every row.
    JavaRDD<Row> rows = frame.javaRDD().mapPartitionsWithIndex((index, it) -> new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        Row r = it.next();
        return RowFactory.create(r.get(0), r.get(1), r.get(2), (long) index, r.get(3));
      }
    }, true);
    ColumnPlan plan = new ColumnPlan(new int[featureNames.size()], List.copyOf(featureNames),
        weightCol == null ? -1 : 1, labelCol == null ? -1 : 4, 0, -1, 0, 2, 3, weightCol, labelCol);
    // An in-memory Dataset's size is not known before it is read: the estimate is left unknown.
    StoragePlan storage = StoragePlan.of(dataset.sparkSession(), -1, plan.width());
    return cache(rows, plan, storage, check, BadRecordPolicy.FAIL, "the dataset", weightCol,
        "give fit a Dataset with at least one row", e -> {
      BadRecordException bad = BadRecordLocator.find(e);
      if (bad != null) {
        return new IllegalArgumentException("bad record in partition " + bad.splitStart + ", row "
            + (bad.indexInSplit + 1) + (bad.column == null ? "" : ", column '" + bad.column + "'") + ": "
            + bad.problem + "; clean or filter the input Dataset first");
      }
      return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    });
  }

  /** Blocks of {@code frame}'s rows read through {@code plan}, cached and counted in one job. */
  private static SparkData cache(JavaRDD<Row> frame, ColumnPlan plan, StoragePlan storage, RecordCheck check,
      BadRecordPolicy policy, String source, String weightCol, String emptyRemedy,
      java.util.function.Function<Exception, RuntimeException> failure) {
    int blockRows = BlockBuilder.blockRows(plan.width());
    JavaRDD<Block> blocks = frame
        .mapPartitions(rows -> new BlockBuilder(rows, plan, check, policy, blockRows));
    CachedBlocks counts = CachedBlocks.cache(blocks, storage, source, "; " + emptyRemedy, failure);
    if (!(counts.totalWeight() > 0)) {
      blocks.unpersist(false);
      throw new UserError(source + ": every record has weight 0 in column '" + weightCol
          + "'; at least one weight must be positive");
    }
    return new SparkData(blocks, counts.firstRow(), counts.records(), counts.totalWeight(), counts.skipped(),
        plan.featureNames(), plan.width());
  }

  /**
   * A failed load is the input's fault — a bad record, or a file the reader cannot parse — unless
   * the machine ran out of memory.
   */
  private static RuntimeException translate(Exception e, InputReader.Opened in, InputSpec spec) {
    BadRecordException bad = BadRecordLocator.find(e);
    if (bad != null) {
      return BadRecordLocator.describe(bad, in.frame(), spec.format());
    }
    Throwable root = rootCause(e);
    if (e instanceof SparkException && !(root instanceof OutOfMemoryError)) {
      return new UserError(spec.path() + ": cannot be read as " + spec.format().name().toLowerCase()
          + " (" + InputReader.firstLine(root) + "); check --format and the file", e);
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  /** Number of NaN feature cells (missing with {@code --missing marginalize}); one job over the cache. */
  public long missingCells() {
    int features = features().size();
    return blocks.map(b -> {
      long n = 0;
      for (int i = 0; i < b.rows(); i++) {
        for (int a = 0; a < features; a++) {
          if (Double.isNaN(b.get(i, a))) {
            n++;
          }
        }
      }
      return n;
    }).fold(0L, Long::sum);
  }

  /** Frees the cache. */
  public void release() {
    blocks.unpersist(false);
  }
}
