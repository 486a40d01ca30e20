package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.RecordCheck;
import io.sparkem.core.UserError;
import io.sparkem.core.Alphabet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Loads records of sequences for a hidden Markov model: each record is read and validated where it
 * lies, the records are grouped by sequence in one shuffle ({@code combineByKey}: a partition's
 * records of one sequence travel together as primitive arrays), each sequence is sorted by its
 * order column, and whole sequences are packed into cached {@link Block}s with
 * {@link Block#sequenceOffsets()}. The EM passes after that are the mixtures' map → treeAggregate,
 * with no shuffle. Within a partition the sequences are sorted by key, so the blocks — and the fit —
 * do not depend on the order of the input rows.
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
    Opened in = open(spark, spec, columns);
    return load(spark, in, check, spec.onBad(), partitions, spec.path(), "; check --input",
        (e, plan) -> translate(e, in.frame(), spec, plan));
  }

  /**
   * The Spark ML entry point: the same grouping and blocks from a Dataset with a sequence column,
   * an order column and an ml Vector column of emissions (categorical: a 1-value vector holding the
   * symbol). A bad record fails the load with an {@link IllegalArgumentException}.
   */
  public static Loaded fromDataset(Dataset<?> dataset, String featuresCol, RecordCheck check,
      SequenceColumns columns, int partitions) {
    Opened in = openDataset(dataset, featuresCol, columns);
    return load(dataset.sparkSession(), in, check, BadRecordPolicy.FAIL, partitions, "the Dataset",
        "; check its columns", (e, plan) -> translateDataset(e));
  }

  /** Turns an executor failure of the grouping into the error the caller reports. */
  interface Failure {
    RuntimeException translate(Exception e, SequencePlan plan);
  }

  private static Loaded load(SparkSession spark, Opened in, RecordCheck check, BadRecordPolicy policy,
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
    JavaRDD<Block> blocks = group(in.frame(), p, check, policy, parts, false)
        .mapPartitions(it -> packBlocks(it, p, policy == BadRecordPolicy.SKIP));
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    List<long[]> counts;
    try {
      counts = blocks.mapPartitions(SequenceData::summarise).collect();
    } catch (Exception e) { // Spark rethrows its checked SparkException unchecked
      blocks.unpersist(false);
      throw failure.translate(e, plan);
    }
    long[] first = new long[counts.size()];
    long records = 0;
    long sequences = 0;
    long skipped = 0;
    for (int i = 0; i < counts.size(); i++) {
      first[i] = records;
      records += counts.get(i)[0];
      sequences += counts.get(i)[1];
      skipped += counts.get(i)[2];
    }
    if (records == 0) {
      blocks.unpersist(false);
      throw new UserError(source + ": no " + (skipped > 0 ? "valid " : "") + "records to fit"
          + (skipped > 0 ? " (" + skipped + " bad records skipped)" : "") + remedy);
    }
    SparkData data = new SparkData(blocks, first, records, records, skipped, plan.featureNames(),
        plan.blockWidth());
    return new Loaded(data, sequences, plan.columns().alphabet());
  }

  /**
   * A Dataset as the frame the row reader expects: its own columns, then one column per value of
   * the features vector, then a constant "file" and the partition as the "split" (so a bad record
   * is named by partition and index).
   */
  static Opened openDataset(Dataset<?> dataset, String featuresCol, SequenceColumns columns) {
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
    frame = frame.withColumn(InputReader.FILE, org.apache.spark.sql.functions.lit("Dataset partition"))
        .withColumn(InputReader.SPLIT, org.apache.spark.sql.functions.spark_partition_id().cast("long"));
    int[] idx = new int[d];
    for (int c = 0; c < d; c++) {
      idx[c] = own.size() + c;
    }
    return new Opened(frame, new SequencePlan(columns, own.indexOf(columns.sequenceCol()),
        own.indexOf(columns.orderCol()), idx, names, -1, own.size() + d, own.size() + d + 1));
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
  static RuntimeException translateDataset(Exception e) {
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

  /**
   * Opens the input and finds the columns. Default emission columns: every numeric column but the
   * sequence and order ones (categorical: the one column left besides them).
   */
  static Opened open(SparkSession spark, InputSpec spec, SequenceColumns columns) {
    if (spec.format() == InputFormat.LIBSVM) {
      throw new UserError("--family hmm reads csv, parquet or json: libsvm has no sequence and order columns");
    }
    if (spec.weightCol() != null) {
      throw new UserError("--weight-col is not supported with --family hmm: every record counts once");
    }
    if (spec.hasTrials()) {
      throw new UserError("--trials and --trials-col are for --family binomial only");
    }
    Dataset<Row> frame = InputReader.frame(spark, spec);
    List<String> all = Arrays.asList(frame.columns());
    List<String> user = InputReader.userColumns(all);
    int seq = require(all, user, columns.sequenceCol(), "--sequence-col", spec.path());
    int order = require(all, user, columns.orderCol(), "--order-col", spec.path());
    List<String> features = spec.features();
    if (features.isEmpty()) {
      if (columns.categorical()) {
        features = user.stream().filter(c -> !columns.nonFeatures().contains(c)).toList();
      } else {
        features = InputReader.open(spark, spec).plan().featureNames().stream()
            .filter(c -> !columns.nonFeatures().contains(c)).toList();
      }
    }
    if (features.isEmpty()) {
      throw new UserError(spec.path() + ": no emission columns besides '" + columns.sequenceCol()
          + "' and '" + columns.orderCol() + "' (columns: " + user + "); name them with --features");
    }
    if (columns.categorical() && features.size() != 1) {
      throw new UserError(spec.path() + ": --emission categorical reads one symbol column, but "
          + features + " are candidates; name it with --features");
    }
    int[] idx = new int[features.size()];
    for (int c = 0; c < idx.length; c++) {
      idx[c] = require(all, user, features.get(c), "--features", spec.path());
      if (idx[c] == seq || idx[c] == order) {
        throw new UserError("--features names '" + features.get(c) + "', which is the sequence or "
            + "order column; emission features must be other columns");
      }
    }
    return new Opened(frame, new SequencePlan(columns, seq, order, idx, features,
        all.indexOf(InputReader.CORRUPT), all.indexOf(InputReader.FILE), all.indexOf(InputReader.SPLIT)));
  }

  private static int require(List<String> all, List<String> user, String name, String flag, String file) {
    if (name == null) {
      throw new UserError("--family hmm needs " + flag + " COLUMN");
    }
    if (!user.contains(name)) {
      throw new UserError(file + ": no column '" + name + "' (given by " + flag + "); columns are " + user);
    }
    return all.indexOf(name);
  }

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

  /**
   * The one shuffle: each partition reads its rows and sends (sequence, buffer) pairs, the buffers
   * of a key merged on both sides; a partition's skipped-record count travels under the null key.
   */
  static JavaPairRDD<String, SequenceBuffer> group(Dataset<Row> frame, SequencePlan plan,
      RecordCheck check, BadRecordPolicy policy, int partitions, boolean keepRows) {
    int width = plan.bufferWidth();
    int max = plan.columns().maxLength();
    JavaPairRDD<String, SequenceBuffer> read = frame.javaRDD().mapPartitionsWithIndex(
        (p, rows) -> new Runs(rows, new SequenceRowReader(plan, check, policy, p), width, max, keepRows),
        true).mapToPair(t -> t);
    return read.reduceByKey(new HashPartitioner(partitions), SequenceBuffer::merge);
  }

  /**
   * The records of a partition as runs of consecutive records of one sequence, each run one
   * buffer (input sorted by sequence: one buffer per sequence and partition; shuffled input: one
   * per record, merged by the shuffle's map-side combine, which may spill). Skipped records are
   * counted in a last buffer under the null key.
   */
  private static final class Runs implements Iterator<Tuple2<String, SequenceBuffer>> {
    private final Iterator<Row> rows;
    private final SequenceRowReader reader;
    private final int width;
    private final int max;
    private final boolean keepRows;
    private SequenceBuffer run;
    private long skipped;
    private boolean tailDone;

    Runs(Iterator<Row> rows, SequenceRowReader reader, int width, int max, boolean keepRows) {
      this.rows = rows;
      this.reader = reader;
      this.width = width;
      this.max = max;
      this.keepRows = keepRows;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext() || run != null || (!tailDone && skipped > 0);
    }

    @Override
    public Tuple2<String, SequenceBuffer> next() {
      while (rows.hasNext()) {
        Row r = rows.next();
        if (!reader.read(r)) {
          skipped++;
          continue;
        }
        SequenceBuffer done = null;
        if (run != null && !run.key.equals(reader.key)) {
          done = run;
          run = null;
        }
        if (run == null) {
          run = new SequenceBuffer(reader.key, width, max, keepRows);
        }
        run.add(reader.order, reader.location, reader.values(), keepRows ? r : null);
        if (done != null) {
          return new Tuple2<>(done.key, done);
        }
      }
      if (run != null) {
        SequenceBuffer done = run;
        run = null;
        return new Tuple2<>(done.key, done);
      }
      if (!tailDone && skipped > 0) {
        tailDone = true;
        SequenceBuffer bad = new SequenceBuffer(null, width, max, keepRows);
        bad.skipped = skipped;
        return new Tuple2<>(null, bad);
      }
      throw new java.util.NoSuchElementException();
    }
  }

  /** The grouped sequences of one partition, sorted by key, each sorted by order and checked. */
  static List<SequenceBuffer> sortedSequences(Iterator<Tuple2<String, SequenceBuffer>> it) {
    List<SequenceBuffer> seqs = new ArrayList<>();
    it.forEachRemaining(t -> seqs.add(t._2()));
    seqs.sort(Comparator.comparing((SequenceBuffer b) -> b.key,
        Comparator.nullsFirst(Comparator.naturalOrder())));
    return seqs;
  }

  /** Packs whole sequences into blocks of about {@link BlockBuilder#blockRows} rows. */
  private static Iterator<Block> packBlocks(Iterator<Tuple2<String, SequenceBuffer>> it,
      SequencePlan plan, boolean dropDuplicates) {
    int width = plan.blockWidth();
    int in = plan.bufferWidth();
    boolean oneHot = plan.columns().categorical();
    int target = BlockBuilder.blockRows(width);
    List<Block> blocks = new ArrayList<>();
    List<double[]> pendingX = new ArrayList<>();
    List<Integer> pendingLength = new ArrayList<>();
    int pendingRows = 0;
    long skipped = 0;
    for (SequenceBuffer b : sortedSequences(it)) {
      if (b.key == null) {
        skipped += b.skipped;
        continue;
      }
      int[] order = b.sortedByOrder(dropDuplicates);
      skipped += b.skipped;
      double[] x = new double[order.length * width];
      for (int t = 0; t < order.length; t++) {
        if (oneHot) {
          x[t * width + (int) b.x[order[t]]] = 1;
        } else {
          System.arraycopy(b.x, order[t] * in, x, t * width, width);
        }
      }
      if (pendingRows > 0 && pendingRows + order.length > target) {
        blocks.add(block(pendingX, pendingLength, pendingRows, width, skipped));
        skipped = 0;
        pendingX.clear();
        pendingLength.clear();
        pendingRows = 0;
      }
      pendingX.add(x);
      pendingLength.add(order.length);
      pendingRows += order.length;
    }
    if (pendingRows > 0 || skipped > 0) {
      blocks.add(block(pendingX, pendingLength, pendingRows, width, skipped));
    }
    return blocks.iterator();
  }

  private static Block block(List<double[]> xs, List<Integer> lengths, int rows, int width, long skipped) {
    double[] x = new double[rows * width];
    double[] w = new double[rows];
    Arrays.fill(w, 1.0);
    int[] offsets = new int[lengths.size() + 1];
    for (int s = 0; s < lengths.size(); s++) {
      System.arraycopy(xs.get(s), 0, x, offsets[s] * width, lengths.get(s) * width);
      offsets[s + 1] = offsets[s] + lengths.get(s);
    }
    return new Block(rows, width, x, w, skipped, offsets);
  }

  /** One summary per partition: {records, sequences, skipped}. */
  private static Iterator<long[]> summarise(Iterator<Block> it) {
    long rows = 0;
    long sequences = 0;
    long skipped = 0;
    while (it.hasNext()) {
      Block b = it.next();
      rows += b.rows();
      sequences += b.sequences();
      skipped += b.skipped();
    }
    return List.of(new long[] {rows, sequences, skipped}).iterator();
  }

  /** A failed grouping: a bad record, a repeated order value or an overlong sequence, named. */
  static RuntimeException translate(Exception e, Dataset<Row> frame, InputSpec spec, SequencePlan plan) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof DuplicateOrderException d) {
        BadRecordException where = locate(frame, d.second, plan.columns().orderCol(),
            "order value " + format(d.order) + " repeats within sequence '" + d.key + "' (also at "
                + rowOf(frame, d.first, spec) + "); order values must be unique within a sequence");
        return BadRecordLocator.describe(where, frame, spec.format());
      }
      if (c instanceof SequenceTooLongException t) {
        return new UserError(spec.path() + ": sequence '" + t.key + "' (column '"
            + plan.columns().sequenceCol() + "') has more than " + t.limit + " records, the limit "
            + "--max-sequence-length sets for one task's memory; split it into shorter sequences, or "
            + "raise --max-sequence-length if the executors have the memory (README.md, \"Hidden Markov "
            + "models\")", e);
      }
    }
    BadRecordException bad = BadRecordLocator.find(e);
    if (bad != null) {
      return BadRecordLocator.describe(bad, frame, spec.format());
    }
    if (e instanceof UserError u) {
      return u;
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** "row N" of the record at {@code location}, as the bad-record messages count rows. */
  private static String rowOf(Dataset<Row> frame, long location, InputSpec spec) {
    String text = BadRecordLocator.describe(locate(frame, location, null, ""), frame, spec.format()).getMessage();
    int at = text.indexOf(": ");
    int end = text.indexOf(": ", at + 2);
    return text.substring(at + 2, end < 0 ? text.length() : end);
  }

  /** Re-reads the partition of {@code location} up to its row to find the file, split and index. */
  private static BadRecordException locate(Dataset<Row> frame, long location, String column, String problem) {
    int partition = SequenceBuffer.partitionOf(location);
    long row = SequenceBuffer.rowOf(location);
    int fileIndex = Arrays.asList(frame.columns()).indexOf(InputReader.FILE);
    int splitIndex = Arrays.asList(frame.columns()).indexOf(InputReader.SPLIT);
    List<Object[]> found = frame.javaRDD().mapPartitionsWithIndex((p, rows) -> {
      if (p != partition) {
        return java.util.Collections.<Object[]>emptyIterator();
      }
      String file = null;
      long split = -1;
      long index = 0;
      for (long i = 0; rows.hasNext(); i++) {
        Row r = rows.next();
        if (!r.getString(fileIndex).equals(file) || r.getLong(splitIndex) != split) {
          file = r.getString(fileIndex);
          split = r.getLong(splitIndex);
          index = 0;
        }
        if (i == row) {
          return List.<Object[]>of(new Object[] {file, split, index}).iterator();
        }
        index++;
      }
      return java.util.Collections.<Object[]>emptyIterator();
    }, true).collect();
    Object[] f = found.get(0);
    return new BadRecordException((String) f[0], (Long) f[1], (Long) f[2], column, problem);
  }
}
