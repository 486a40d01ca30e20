package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Sequence records read from files: opening the input and finding the sequence, order and emission
 * columns, and turning a failed grouping into the one-line error that names the file, row and
 * column (a bad record, an order value repeated within a sequence — both rows named — or a
 * sequence over the length limit).
 */
final class SequenceFiles {

  private SequenceFiles() {}

  /**
   * Opens the input and finds the columns. Default emission columns: every numeric column but the
   * sequence and order ones (categorical: the one column left besides them).
   */
  static SequenceData.Opened open(SparkSession spark, InputSpec spec, SequenceColumns columns) {
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
    return new SequenceData.Opened(frame, new SequencePlan(columns, seq, order, idx, features,
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
            + "raise --max-sequence-length if the executors have the memory (docs/hmm.md, \"The length "
            + "limit\")", e);
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
