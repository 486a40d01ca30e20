package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Reads small files (model.json) from any Hadoop file system the session can reach. */
public final class HadoopFiles {

  private HadoopFiles() {}

  /** The bytes of {@code path}; a missing or unreadable file is a user error naming {@code flag}. */
  public static byte[] read(SparkSession spark, String path, String flag) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new UserError(path + ": no such file; check " + flag);
      }
      if (fs.getFileStatus(p).isDirectory()) {
        p = new Path(p, "model.json");
        if (!fs.exists(p)) {
          throw new UserError(path + ": the directory has no model.json; check " + flag);
        }
      }
      try (InputStream in = fs.open(p)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UserError(path + ": cannot be read (" + e.getMessage() + "); check " + flag, e);
    }
  }

  /** Writes {@code path} atomically: a hidden temporary file beside it, then a rename over it. */
  public static void writeAtomically(SparkSession spark, String path, byte[] content) {
    try {
      Path target = new Path(path);
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + java.util.UUID.randomUUID());
      try (java.io.OutputStream out = fs.create(tmp, true)) {
        out.write(content);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        throw new IOException("rename to " + target + " failed");
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + path, e);
    }
  }
}
