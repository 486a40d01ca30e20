package io.sparkem.spark;

import io.sparkem.core.RecordCheck;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Validates one input row and copies its values into a block row: every feature a finite number,
 * the weight finite and {@code >= 0}, then the family's own {@link RecordCheck}. It also keeps the
 * index of each record within its file split, so that a bad one can be located.
 */
final class RowReader {

  private final ColumnPlan plan;
  private final RecordCheck check;
  private final BadRecordPolicy policy;
  private final int width;
  private String currentFile;
  private long currentSplit = -1;
  private long indexInSplit;

  RowReader(ColumnPlan plan, RecordCheck check, BadRecordPolicy policy) {
    this.plan = plan;
    this.check = check;
    this.policy = policy;
    this.width = plan.width();
  }

  /**
   * Reads one row into {@code x[off..off+width)} and {@code w[at]}. Returns false when the record
   * is bad and the policy is to skip it; throws {@link BadRecordException} when it is to fail.
   */
  boolean read(Row row, double[] x, int off, double[] w, int at) {
    String file = row.getString(plan.fileIndex());
    long split = row.getLong(plan.splitIndex());
    if (!file.equals(currentFile) || split != currentSplit) {
      currentFile = file;
      currentSplit = split;
      indexInSplit = 0;
    }
    long index = indexInSplit++;
    String column = null;
    String problem = null;
    if (plan.corruptIndex() >= 0 && !row.isNullAt(plan.corruptIndex())) {
      problem = "the record is malformed (wrong number of columns, or a value the reader cannot parse)";
    }
    int features = plan.featureNames().size();
    if (problem == null && plan.vectorIndex() >= 0) {
      problem = vectorProblem(row.get(plan.vectorIndex()), features);
    }
    for (int c = 0; problem == null && c < features; c++) {
      Object cell = plan.vectorIndex() >= 0 ? vectorCell(row, c) : row.get(plan.featureIndex()[c]);
      x[off + c] = NumericValue.of(cell);
      problem = NumericValue.problem(cell, x[off + c]);
      if (problem != null && check.allowsMissing() && NumericValue.isMissing(cell)) {
        x[off + c] = Double.NaN; // missing at random: the family's E-step integrates it out
        problem = null;
      }
      column = plan.featureNames().get(c);
    }
    if (problem == null && plan.appendedIndex() >= 0) {
      Object cell = row.get(plan.appendedIndex());
      x[off + features] = NumericValue.of(cell);
      problem = NumericValue.problem(cell, x[off + features]);
      column = plan.appendedName();
    } else if (problem == null && plan.appendedConst() > 0) {
      x[off + features] = plan.appendedConst();
    }
    w[at] = 1.0;
    if (problem == null && plan.weightIndex() >= 0) {
      Object cell = row.get(plan.weightIndex());
      w[at] = NumericValue.of(cell);
      problem = NumericValue.problem(cell, w[at]);
      if (problem == null && w[at] < 0) {
        problem = "weight " + w[at] + " is negative (weights must be >= 0)";
      }
      column = plan.weightName();
    }
    if (problem == null) {
      RecordCheck.Problem p = check.check(x, off, width);
      if (p != null) {
        column = plan.columnName(p.column());
        problem = "value " + x[off + p.column()] + " " + p.message();
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

  /** A missing vector, or one whose size is not the number of features, is a bad record (never truncated). */
  private static String vectorProblem(Object cell, int features) {
    if (cell == null) {
      return "the features vector is missing (null)";
    }
    int size = ((Vector) cell).size();
    return size == features ? null
        : "the features vector has " + size + " values but the column's vectors have " + features
            + " (every vector in the column must have the same size)";
  }

  private Object vectorCell(Row row, int c) {
    Vector v = (Vector) row.get(plan.vectorIndex());
    return c < v.size() ? (Object) v.apply(c) : null;
  }
}
