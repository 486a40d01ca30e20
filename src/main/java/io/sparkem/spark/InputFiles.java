package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * The input's files as the readers will see them, checked before Spark opens them: the path (or
 * glob) must match something, and no CSV or Parquet file may be empty. A 0-byte CSV file has no
 * header row, which Spark's reader turns into an internal failure of the whole read; a 0-byte
 * Parquet file has no footer. Empty JSON-lines and LibSVM files are valid (no records) and pass.
 * Names starting with {@code _} or {@code .} are skipped, as Spark and Hadoop skip them.
 */
final class InputFiles {

  private InputFiles() {}

  /** Checks {@code spec}'s input; a missing path or an empty file is a {@link UserError} naming it. */
  static void check(SparkSession spark, InputSpec spec) {
    String path = spec.path();
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] found = fs.globStatus(p);
      if (found == null || found.length == 0) {
        throw new UserError(path + ": no such file or directory; check --input");
      }
      if (!List.of(InputFormat.CSV, InputFormat.PARQUET).contains(spec.format())) {
        return;
      }
      for (FileStatus s : found) {
        if (s.isFile()) {
          checkNotEmpty(s, spec.format());
          continue;
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(s.getPath(), true);
        while (files.hasNext()) {
          LocatedFileStatus f = files.next();
          if (!hidden(s.getPath(), f.getPath())) {
            checkNotEmpty(f, spec.format());
          }
        }
      }
    } catch (IOException e) {
      throw new UserError(path + ": cannot be opened (" + e.getMessage() + "); check --input", e);
    }
  }

  private static void checkNotEmpty(FileStatus file, InputFormat format) {
    if (file.getLen() > 0) {
      return;
    }
    String shown = BadRecordLocator.displayPath(file.getPath().toString());
    throw new UserError(shown + ": the file is empty (0 bytes), so it has no "
        + (format == InputFormat.CSV ? "header row" : "Parquet footer") + "; remove it from the input, "
        + "or write it again (--format " + format.name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  /** Whether a name between {@code root} (exclusive) and {@code file} starts with _ or . (skipped by readers). */
  static boolean hidden(Path root, Path file) {
    String top = root.toUri().getPath();
    for (Path p = file; p != null && !p.toUri().getPath().equals(top); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
