package io.sparkem.spark;

/**
 * A bad record found on an executor. It carries where the record sits inside its file split; the
 * driver turns that into a row number of the whole file (see {@link BadRecordLocator}).
 */
final class BadRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final String file;
  /** Byte offset of the split the record was read from; 0 for the first split of the file. */
  final long splitStart;
  /** 0-based index of the record among the records of this file in this split. */
  final long indexInSplit;
  /** The column at fault, or null for the record as a whole. */
  final String column;
  final String problem;

  BadRecordException(String file, long splitStart, long indexInSplit, String column, String problem) {
    super(problem + " (" + file + ", split at byte " + splitStart + ", record " + indexInSplit
        + (column == null ? "" : ", column '" + column + "'") + ")");
    this.file = file;
    this.splitStart = splitStart;
    this.indexInSplit = indexInSplit;
    this.column = column;
    this.problem = problem;
  }
}
