package io.sparkem.spark;

import io.sparkem.core.Alphabet;
import io.sparkem.core.RecordCheck;
import org.apache.spark.sql.Row;

/**
 * Validates one record of a sequence and reads its sequence key, order value and emission values
 * (finite numbers passing the family's {@link RecordCheck}, or a symbol of the alphabet). It keeps
 * the record's place in its file split, to name a bad one, and in its partition, for the
 * location the grouping carries.
 */
final class SequenceRowReader {

  private final SequencePlan plan;
  private final RecordCheck check;
  private final BadRecordPolicy policy;
  private final int partition;
  private final double[] values;
  private String currentFile;
  private long currentSplit = -1;
  private long indexInSplit;
  private long rowInPartition;
  /** After a successful {@link #read}: the record's key, order value and location. */
  String key;
  double order;
  long location;

  SequenceRowReader(SequencePlan plan, RecordCheck check, BadRecordPolicy policy, int partition) {
    this.plan = plan;
    this.check = check;
    this.policy = policy;
    this.partition = partition;
    this.values = new double[plan.bufferWidth()];
  }

  /** The values of the last record read (valid until the next call). */
  double[] values() {
    return values;
  }

  /** Reads one row; false when it is bad and skipped, a {@link BadRecordException} when it is bad. */
  boolean read(Row row) {
    String file = row.getString(plan.fileIndex());
    long split = row.getLong(plan.splitIndex());
    if (!file.equals(currentFile) || split != currentSplit) {
      currentFile = file;
      currentSplit = split;
      indexInSplit = 0;
    }
    long index = indexInSplit++;
    location = SequenceBuffer.location(partition, rowInPartition++);
    String column = null;
    String problem = null;
    SequenceColumns cols = plan.columns();
    if (plan.corruptIndex() >= 0 && !row.isNullAt(plan.corruptIndex())) {
      problem = "the record is malformed (wrong number of columns, or a value the reader cannot parse)";
    }
    if (problem == null) {
      key = Alphabet.canonical(row.get(plan.sequenceIndex()));
      column = cols.sequenceCol();
      problem = key == null ? "the sequence is empty" : null;
    }
    if (problem == null) {
      Object cell = row.get(plan.orderIndex());
      order = NumericValue.of(cell);
      problem = NumericValue.problem(cell, order);
      column = cols.orderCol();
    }
    if (problem == null) {
      column = plan.featureNames().get(0);
      problem = cols.categorical() ? readSymbol(row) : readFeatures(row);
      if (problem != null && problem.startsWith("@")) {
        int c = Integer.parseInt(problem.substring(1, problem.indexOf(' ')));
        column = plan.featureNames().get(c);
        problem = problem.substring(problem.indexOf(' ') + 1);
      }
    }
    if (problem == null) {
      return true;
    }
    if (policy == BadRecordPolicy.SKIP) {
      return false;
    }
    throw new BadRecordException(file, split, index,
        problem.startsWith("the record is malformed") ? null : column, problem);
  }

  /** "@c message" for a problem in feature c, or null. */
  private String readFeatures(Row row) {
    int[] idx = plan.featureIndex();
    for (int c = 0; c < idx.length; c++) {
      Object cell = row.get(idx[c]);
      values[c] = NumericValue.of(cell);
      String p = NumericValue.problem(cell, values[c]);
      if (p != null) {
        return "@" + c + " " + p;
      }
    }
    RecordCheck.Problem p = check.check(values, 0, values.length);
    return p == null ? null : "@" + p.column() + " value " + values[p.column()] + " " + p.message();
  }

  private String readSymbol(Row row) {
    String symbol = Alphabet.canonical(row.get(plan.featureIndex()[0]));
    if (symbol == null) {
      return "the symbol is empty";
    }
    int a = plan.columns().alphabet().indexOf(symbol);
    if (a < 0) {
      return "symbol '" + symbol + "' is not in the model's alphabet " + plan.columns().alphabet()
          + " (a model can only score the symbols it was fitted on)";
    }
    values[0] = a;
    return null;
  }
}
