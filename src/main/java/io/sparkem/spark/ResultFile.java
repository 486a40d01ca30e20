package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A small result file ({@code score --output FILE}) on any Hadoop file system, checked before any
 * work and written atomically. {@link #prepare} refuses, as a user error, a location whose directory
 * is missing or not writable, and an existing file — unless {@code overwrite} is given and the file
 * is one this tool wrote (a JSON object holding the marker field); a file the tool did not write is
 * never replaced; so is one that is an input of the command or lies inside an input directory (the
 * next read of that directory would take it for data). {@link #write} writes a hidden temporary file
 * beside the target and renames it over the target in one step, removing the temporary file when
 * anything fails; on a local disk it is written raw, without a {@code .NAME.crc} beside it.
 */
public final class ResultFile {

  private final FileSystem fs;
  /** {@code fs}, or on a local disk its raw file system (no {@code .crc} beside what it writes). */
  private final FileSystem raw;
  private final Path target;

  private ResultFile(FileSystem fs, Path target) {
    this.fs = fs;
    this.raw = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    this.target = target;
  }

  /**
   * Checks {@code path} for writing (see the class comment); {@code marker} is a field only our files
   * hold; {@code inputs} are every path the command reads (globs allowed).
   */
  public static ResultFile prepare(Configuration conf, String path, boolean overwrite, String marker,
      java.util.List<String> inputs) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      Path target = fs.makeQualified(p);
      OutputGuard.checkAgainstInputs(conf, fs, target, inputs);
      Path parent = target.getParent();
      if (parent == null || !fs.exists(parent) || !fs.getFileStatus(parent).isDirectory()) {
        throw new UserError(path + ": the directory " + parent + " does not exist; create it or choose another "
            + "--output");
      }
      if (fs.exists(target)) {
        if (!overwrite) {
          throw new UserError(path + ": exists; pass --overwrite to replace it, or choose another --output");
        }
        if (fs.getFileStatus(target).isDirectory() || !writtenByUs(fs, target, marker)) {
          throw new UserError(path + ": exists and was not written by this tool; it is left alone — choose "
              + "another --output");
        }
      }
      ResultFile file = new ResultFile(fs, target);
      Path probe = file.temporary();
      file.raw.create(probe, false).close();
      file.raw.delete(probe, false);
      return file;
    } catch (IOException e) {
      throw new UserError(path + ": cannot be written (" + e.getMessage() + "); choose another --output", e);
    }
  }

  private static boolean writtenByUs(FileSystem fs, Path file, String marker) throws IOException {
    if (fs.getFileStatus(file).getLen() > (1 << 20)) {
      return false;
    }
    try (InputStream in = fs.open(file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return text.startsWith("{") && text.contains("\"" + marker + "\"");
    }
  }

  private Path temporary() {
    return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
  }

  /** Writes {@code content} to the file in one rename; nothing is left beside it on failure. */
  public void write(byte[] content) {
    Path tmp = temporary();
    try {
      try (OutputStream out = raw.create(tmp, false)) {
        out.write(content);
      }
      OutputSiblings.replace(fs, raw, tmp, target);
    } catch (IOException | RuntimeException e) {
      try {
        raw.delete(tmp, false);
      } catch (IOException ignored) {
        // the rename failed too; the first error is the one to report
      }
      throw new IllegalStateException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Where it is written. */
  public String path() {
    return target.toString();
  }
}
