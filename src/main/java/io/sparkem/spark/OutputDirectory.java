package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory on any Hadoop file system, committed atomically: everything is written
 * into a hidden sibling {@code .NAME.tmp-UUID}, which is renamed to {@code NAME} only when the job
 * succeeded. A failed run leaves no output (and the previous one untouched); {@link #abort}
 * removes the temporary directory.
 */
public final class OutputDirectory {

  private final FileSystem fs;
  private final Path target;
  private final Path temporary;
  private final boolean overwrite;

  private OutputDirectory(FileSystem fs, Path target, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.overwrite = overwrite;
    this.temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
  }

  /** Checks up front that the output may be written, before any work is done. */
  public static OutputDirectory prepare(Configuration conf, String dir, boolean overwrite) {
    try {
      Path target = new Path(dir);
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      if (target.getParent() == null) {
        throw new UserError(dir + ": cannot write output at a file system root; choose a directory below it");
      }
      if (fs.exists(target) && !overwrite) {
        throw new UserError(dir + ": output already exists; pass --overwrite to replace it, or choose another --output");
      }
      return new OutputDirectory(fs, target, overwrite);
    } catch (IOException e) {
      throw new UserError(dir + ": cannot prepare the output (" + e.getMessage() + ")", e);
    }
  }

  /** The empty marker file a committed output holds. */
  public static final String SUCCESS_MARKER = "_SUCCESS";

  /** Where writers put their files until {@link #commit}: a URI string Spark writers accept. */
  public String temporaryUri() {
    return temporary.toString();
  }

  /** Writes one file into the temporary directory. */
  public void writeFile(String name, byte[] content) {
    try (OutputStream out = fs.create(new Path(temporary, name), true)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " under " + temporary, e);
    }
  }

  /** Makes the temporary directory the output, replacing an old one when allowed. */
  public void commit() {
    try {
      if (!fs.exists(temporary)) {
        fs.mkdirs(temporary);
      }
      // Written last, as Hadoop's output committers do: schedulers that wait for DIR/_SUCCESS
      // never see a directory whose files are still coming (and the rename below is atomic).
      fs.create(new Path(temporary, SUCCESS_MARKER), true).close();
      Path old = null;
      if (fs.exists(target)) {
        if (!overwrite) {
          throw new UserError(target + ": output appeared while the job ran; pass --overwrite to replace it");
        }
        old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
        rename(target, old);
      }
      rename(temporary, target);
      if (old != null) {
        fs.delete(old, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the output " + target, e);
    }
  }

  /** Removes whatever was written; the target is left as it was. Never throws. */
  public void abort() {
    try {
      fs.delete(temporary, true);
    } catch (IOException | RuntimeException e) {
      // Nothing more to do: the temporary directory is hidden and named as such.
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  /** The output path: a plain path for local files, the URI otherwise. */
  public String path() {
    return BadRecordLocator.displayPath(target.toString());
  }
}
