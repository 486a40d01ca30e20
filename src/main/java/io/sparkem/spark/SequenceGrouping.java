package io.sparkem.spark;

import io.sparkem.core.RecordCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The one shuffle of a sequence load (and of HMM prediction): each partition reads and validates its
 * rows and sends (sequence, buffer) pairs, the buffers of a key merged on both sides of the shuffle
 * ({@code reduceByKey}: a partition's records of one sequence travel together as primitive arrays);
 * a partition's skipped-record count travels under the null key.
 */
final class SequenceGrouping {

  private SequenceGrouping() {}

  /** The records of {@code frame} grouped by sequence into {@code partitions} partitions. */
  static JavaPairRDD<String, SequenceBuffer> group(Dataset<Row> frame, SequencePlan plan,
      RecordCheck check, BadRecordPolicy policy, int partitions, boolean keepRows) {
    int width = plan.bufferWidth();
    int max = plan.columns().maxLength();
    JavaPairRDD<String, SequenceBuffer> read = frame.javaRDD().mapPartitionsWithIndex(
        (p, rows) -> new Runs(rows, new SequenceRowReader(plan, check, policy, p), width, max, keepRows),
        true).mapToPair(t -> t);
    return read.reduceByKey(new HashPartitioner(partitions), SequenceBuffer::merge);
  }

  /** The grouped sequences of one partition, sorted by key, so that nothing depends on input row order. */
  static List<SequenceBuffer> sortedSequences(Iterator<Tuple2<String, SequenceBuffer>> it) {
    List<SequenceBuffer> seqs = new ArrayList<>();
    it.forEachRemaining(t -> seqs.add(t._2()));
    seqs.sort(Comparator.comparing((SequenceBuffer b) -> b.key,
        Comparator.nullsFirst(Comparator.naturalOrder())));
    return seqs;
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
}
