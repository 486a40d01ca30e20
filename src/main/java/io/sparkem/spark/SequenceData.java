package io.sparkem.spark;

import io.sparkem.core.Alphabet;
import io.sparkem.core.Block;
import io.sparkem.core.RecordCheck;
import io.sparkem.core.UserError;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Loads records of sequences for a hidden Markov model, from files ({@link SequenceFiles}) or a
 * Spark ML Dataset ({@link SequenceDataset}): each record is read and validated where it lies, the
 * records are grouped by sequence in one shuffle ({@link SequenceGrouping}), each sequence is sorted
 * by its order column and whole sequences are packed into {@link Block}s with
 * {@link Block#sequenceOffsets()} ({@link SequenceBlocks}), cached and counted as independent
 * records are ({@link CachedBlocks}). The EM passes after that are the mixtures' map →
 * treeAggregate, with no shuffle. Within a partition the sequences are sorted by key, so the blocks
 * — and the fit — do not depend on the order of the input rows.
 */
public final class SequenceData {

  private SequenceData() {}

  /**
   * The loaded input.
   *
   * @param data      the cached blocks and counts, as for mixtures (weights are all 1)
   * @param sequences number of sequences
   * @param alphabet  categorical: the symbols seen, ascending; else null
   */
  public record Loaded(SparkData data, long sequences, Alphabet alphabet) {}

  /** Reads, validates, groups and caches; {@code partitions} ≤ 0 chooses the cluster's parallelism. */
  public static Loaded load(SparkSession spark, InputSpec spec, RecordCheck check,
      SequenceColumns columns, int partitions) {
    Opened in = SequenceFiles.open(spark, spec, columns);
    return load(spark, in, InputSize.rows(spark, spec), check, spec.onBad(), partitions, spec.path(),
        "; check --input",
        (e, plan) -> SequenceFiles.translate(e, in.frame(), spec, plan));
  }

  /**
   * The Spark ML entry point: the same grouping and blocks from a Dataset with a sequence column,
   * an order column and an ml Vector column of emissions (categorical: a 1-value vector holding the
   * symbol). A bad record fails the load with an {@link IllegalArgumentException}.
   */
  public static Loaded fromDataset(Dataset<?> dataset, String featuresCol, RecordCheck check,
      SequenceColumns columns, int partitions) {
    Opened in = SequenceDataset.open(dataset, featuresCol, columns);
    return load(dataset.sparkSession(), in, -1, check, BadRecordPolicy.FAIL, partitions, "the Dataset",
        "; check its columns", (e, plan) -> SequenceDataset.translate(e));
  }

  /** Turns an executor failure of the grouping into the error the caller reports. */
  interface Failure {
    RuntimeException translate(Exception e, SequencePlan plan);
  }

  /** {@code rows}: the records the input is estimated to hold ({@link InputSize}), -1 when unknown. */
  private static Loaded load(SparkSession spark, Opened in, long rows, RecordCheck check, BadRecordPolicy policy,
      int partitions, String source, String remedy, Failure failure) {
    SequencePlan plan = in.plan();
    SequenceColumns columns = plan.columns();
    if (columns.categorical() && columns.alphabet() == null) {
      plan = new SequencePlan(columns.withAlphabet(collectAlphabet(in.frame(), plan, source)),
          plan.sequenceIndex(), plan.orderIndex(), plan.featureIndex(), plan.featureNames(),
          plan.corruptIndex(), plan.fileIndex(), plan.splitIndex());
    }
    int parts = partitions > 0 ? partitions : partitionsFor(spark, in.frame());
    SequencePlan p = plan;
    JavaRDD<Block> blocks = SequenceGrouping.group(in.frame(), p, check, policy, parts, false)
        .mapPartitions(it -> SequenceBlocks.pack(it, p, policy == BadRecordPolicy.SKIP));
    StoragePlan storage = StoragePlan.of(spark, rows, plan.blockWidth());
    CachedBlocks counts = CachedBlocks.cache(blocks, storage, source, remedy, e -> failure.translate(e, p));
    SparkData data = new SparkData(blocks, counts.firstRow(), counts.records(), counts.totalWeight(),
        counts.skipped(), plan.featureNames(), plan.blockWidth());
    long sequences = counts.sequences();
    return new Loaded(data, sequences, plan.columns().alphabet());
  }

  /**
   * The partitions of the grouped sequences: at least the input's, rounded up to a multiple of the
   * cluster's parallelism, so that every pass's last wave of tasks keeps every core busy (3
   * partitions on 2 cores leave one core idle for a third of each pass).
   */
  static int partitionsFor(SparkSession spark, Dataset<Row> frame) {
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());
    int input = Math.max(1, frame.javaRDD().getNumPartitions());
    return (input + cores - 1) / cores * cores;
  }

  /** The frame and where each value of a sequence record sits in it. */
  record Opened(Dataset<Row> frame, SequencePlan plan) {}

  /** The distinct symbols of the categorical column, ascending (one read of the input, no shuffle). */
  private static Alphabet collectAlphabet(Dataset<Row> frame, SequencePlan plan, String source) {
    int col = plan.featureIndex()[0];
    List<HashSet<String>> parts = frame.javaRDD().mapPartitions((Iterator<Row> it) -> {
      HashSet<String> seen = new HashSet<>();
      while (it.hasNext()) {
        String s = Alphabet.canonical(it.next().get(col));
        if (s != null) {
          seen.add(s);
        }
      }
      return List.of(seen).iterator();
    }).collect();
    Set<String> all = new HashSet<>();
    parts.forEach(all::addAll);
    if (all.isEmpty()) {
      throw new UserError(source + ": column '" + plan.featureNames().get(0) + "' holds no symbols");
    }
    return Alphabet.of(all);
  }
}
