package io.sparkem.spark;

import io.sparkem.core.UserError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Turns a {@link BadRecordException} from an executor into the one-line error the user sees. Only
 * on this failure path does it cost a job: when the record sat in a later split of a large file,
 * the records of the earlier splits are counted to get its row number in the whole file.
 */
final class BadRecordLocator {

  private BadRecordLocator() {}

  /** The exception in the cause chain of a failed Spark job, if a bad record caused it. */
  static BadRecordException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BadRecordException b) {
        return b;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  static UserError describe(BadRecordException bad, Dataset<Row> frame, InputFormat format) {
    long before = 0;
    if (bad.splitStart > 0) {
      before = frame.filter(functions.col(InputReader.FILE).equalTo(bad.file)
          .and(functions.col(InputReader.SPLIT).lt(bad.splitStart))).count();
    }
    long row = before + bad.indexInSplit + 1;
    String where = displayPath(bad.file) + ": " + format.rowNoun() + " " + row
        + (format == InputFormat.CSV ? " (line " + (row + 1) + ")" : "")
        + (bad.column == null ? "" : ", column '" + bad.column + "'");
    return new UserError(where + ": " + bad.problem
        + "; correct or remove the record, or pass --on-bad-record skip to drop bad records");
  }

  /** A local file as a plain path; other file systems keep their URI. */
  static String displayPath(String file) {
    if (file.startsWith("file:///")) {
      return file.substring("file://".length());
    }
    if (file.startsWith("file:/")) {
      return file.substring("file:".length());
    }
    return file;
  }
}
