package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory on any Hadoop file system, committed atomically: everything is written
 * into a hidden sibling {@code .NAME.tmp-UUID}, which is renamed to {@code NAME} only when the job
 * succeeded. A failed run leaves no output (and the previous one untouched); {@link #abort}
 * removes the temporary directory.
 *
 * <p>{@link #prepare} runs before any data is read: {@link OutputGuard} refuses an output that
 * would destroy data this tool did not write, and {@link OutputLock} makes sure that one run at a
 * time writes the output. Every output not yet committed is known to {@link PendingOutputs}, so
 * that an interrupt ({@link #abortAllPending}, from the shutdown hook) removes them all; a write or
 * commit in progress is finished first, and none starts afterwards. Closing an output that was not
 * committed aborts it (Spark throws its checked exceptions unchecked: try-with-resources catches
 * them all).
 */
public final class OutputDirectory implements AutoCloseable {

  /** The empty marker file a committed output holds. */
  public static final String SUCCESS_MARKER = "_SUCCESS";

  private final FileSystem fs;
  private final Path target;
  private final Path temporary;
  private final boolean overwrite;
  private final String command;
  private final OutputLock lock;
  /** Ancestors of the output this run created, deepest first (removed again by an abort). */
  private final List<Path> createdParents;
  /** Files beside the output, written under a temporary name: temporary → final. */
  private final Map<Path, Path> siblings = new LinkedHashMap<>();

  private OutputDirectory(FileSystem fs, Path target, boolean overwrite, String command, OutputLock lock,
      List<Path> createdParents) {
    this.fs = fs;
    this.target = target;
    this.overwrite = overwrite;
    this.command = command;
    this.lock = lock;
    this.createdParents = createdParents;
    this.temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
  }

  /**
   * Checks, before any work is done, that the output may be written, and claims it.
   *
   * @param command the command writing it (for the marker and the lock)
   * @param inputs  every path the command reads: the output must not be, contain or lie in one
   */
  public static OutputDirectory prepare(Configuration conf, String dir, boolean overwrite, String command,
      List<String> inputs) {
    try {
      Path target = new Path(dir);
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      if (target.getParent() == null) {
        throw new UserError(dir + ": cannot write output at a file system root; choose a directory below it");
      }
      OutputGuard.check(conf, fs, target, overwrite, inputs);
      List<Path> created = new ArrayList<>();
      for (Path p = target.getParent(); p != null && !fs.exists(p); p = p.getParent()) {
        created.add(p);
      }
      if (!created.isEmpty() && !fs.mkdirs(target.getParent())) {
        throw new IOException("mkdirs " + target.getParent() + " failed");
      }
      OutputLock lock = null;
      try {
        lock = OutputLock.acquire(fs, target, command);
        OutputGuard.check(conf, fs, target, overwrite, inputs); // again, now that no other run can write it
      } catch (RuntimeException | IOException e) {
        if (lock != null) {
          lock.release();
        }
        removeEmpty(fs, created);
        throw e;
      }
      OutputDirectory out = new OutputDirectory(fs, target, overwrite, command, lock, created);
      PendingOutputs.add(out, dir);
      return out;
    } catch (IOException e) {
      throw new UserError(dir + ": the output location cannot be written (" + e.getMessage()
          + "); choose a writable --output", e);
    }
  }

  /** Where writers put their files until {@link #commit}: a URI string Spark writers accept. */
  public String temporaryUri() {
    return temporary.toString();
  }

  /**
   * Writes one file into the temporary directory; refused once the output was aborted (an
   * interrupt), so that no write brings back the directory the abort deleted.
   */
  public void writeFile(String name, byte[] content) {
    PendingOutputs.whilePending(this, false, () -> write(name, content));
  }

  private void write(String name, byte[] content) {
    try (OutputStream out = fs.create(new Path(temporary, name), true)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " under " + temporary, e);
    }
  }

  /**
   * Writes a file beside the output, {@code NAME + suffix} ({@code generate}'s
   * {@code PATH.truth.json}), put in place by {@link #commit} and removed by {@link #abort}. An
   * existing file of that name is replaced only with {@code --overwrite} and when this tool wrote
   * it ({@code marker} appears in its first megabyte). On a local disk it is written without a
   * {@code .crc} file beside it.
   */
  public void writeSibling(String suffix, byte[] content, java.util.regex.Pattern marker) {
    Path finalPath = new Path(target.getParent(), target.getName() + suffix);
    Path tmp = new Path(target.getParent(), "." + target.getName() + suffix + ".tmp-" + UUID.randomUUID());
    checkSibling(suffix, marker);
    PendingOutputs.whilePending(this, false, () -> {
      siblings.put(tmp, finalPath);
      try (OutputStream out = raw().create(tmp, true)) {
        out.write(content);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + finalPath, e);
      }
    });
  }

  /** Refuses, before any work, a file {@code NAME + suffix} that {@link #writeSibling} may not replace. */
  public void checkSibling(String suffix, java.util.regex.Pattern marker) {
    Path file = new Path(target.getParent(), target.getName() + suffix);
    try {
      if (fs.exists(file)) {
        OutputSiblings.checkReplaceable(fs, file, overwrite, marker);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + file, e);
    }
  }

  /** Makes the temporary directory the output, replacing an old one when allowed. */
  public void commit() {
    PendingOutputs.whilePending(this, true, () -> {
      try {
        if (!fs.exists(temporary)) {
          fs.mkdirs(temporary);
        }
        write(OutputGuard.MARKER, ("{\"writtenBy\": \"spark-em\", \"command\": \"" + command + "\", "
            + "\"version\": \"" + version() + "\"}\n").getBytes(StandardCharsets.UTF_8));
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
        for (Map.Entry<Path, Path> s : siblings.entrySet()) {
          OutputSiblings.replace(fs, raw(), s.getKey(), s.getValue());
        }
        siblings.clear();
        if (old != null) {
          fs.delete(old, true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot commit the output " + target, e);
      }
    });
    lock.release();
  }

  /** Removes whatever was written; the target is left as it was. Never throws. */
  public void abort() {
    PendingOutputs.abort(this);
  }

  /** Aborts the output unless it was committed. */
  @Override
  public void close() {
    abort();
  }

  /**
   * Aborts every output not yet committed and refuses every later prepare or commit: the JVM is
   * ending on an interrupt. A commit in progress finishes first (it holds the same monitor).
   *
   * @return the number of outputs aborted
   */
  public static int abortAllPending() {
    return PendingOutputs.abortAll();
  }

  /**
   * Deletes the temporary directories of the outputs {@link #abortAllPending} aborted once more:
   * Spark's writers may have made them anew until Spark stopped (the shutdown hook calls this
   * after Spark's own). Never throws.
   */
  public static void sweepAborted() {
    PendingOutputs.sweep();
  }

  /** Undoes {@link #abortAllPending}'s refusal (tests that interrupt in-process). */
  static void reopen() {
    PendingOutputs.reopen();
  }

  /** Deletes everything this output wrote and releases its lock (under {@link PendingOutputs}' monitor). */
  void discard() {
    try {
      fs.delete(temporary, true);
      for (Path tmp : siblings.keySet()) {
        raw().delete(tmp, false);
      }
    } catch (IOException | RuntimeException e) {
      // Nothing more to do: the temporary files are hidden and named as such.
    }
    siblings.clear();
    lock.release();
    removeEmpty(fs, createdParents);
  }

  /** Deletes the temporary directory again, and the parents this run made when empty; the lock stays released. */
  void sweep() {
    try {
      fs.delete(temporary, true);
    } catch (IOException | RuntimeException e) {
      // Nothing more to do: the temporary directory is hidden and named as such.
    }
    removeEmpty(fs, createdParents);
  }

  /** Deletes the directories (deepest first) that are still empty. Never throws. */
  private static void removeEmpty(FileSystem fs, List<Path> dirs) {
    try {
      for (Path p : dirs) {
        if (fs.exists(p) && fs.listStatus(p).length == 0) {
          fs.delete(p, false);
        }
      }
    } catch (IOException | RuntimeException e) {
      // An empty directory left is harmless.
    }
  }

  private FileSystem raw() {
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  private static String version() {
    String v = OutputDirectory.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The output path: a plain path for local files, the URI otherwise. */
  public String path() {
    return BadRecordLocator.displayPath(target.toString());
  }
}
