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

  /** Whether {@code path} exists. */
  public static boolean exists(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UserError(path + ": cannot be checked (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Writes {@code path} atomically: a hidden temporary file beside it, then one rename that
   * replaces the old file (FileContext's overwriting rename is atomic on HDFS and local disks), so a
   * reader — or a driver killed mid-write — always sees a whole file, old or new.
   */
  public static void writeAtomically(SparkSession spark, String path, byte[] content) {
    try {
      org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
      Path target = new Path(path);
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + java.util.UUID.randomUUID());
      try (java.io.OutputStream out = fs.create(tmp, true)) {
        out.write(content);
      }
      org.apache.hadoop.fs.FileContext.getFileContext(target.toUri(), conf)
          .rename(tmp, target, org.apache.hadoop.fs.Options.Rename.OVERWRITE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + path, e);
    }
  }
}
