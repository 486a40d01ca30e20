package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The claim of one run on one output path: a file {@code .NAME.lock} beside the output, created
 * exclusively (O_EXCL on a local disk, a create without overwrite on HDFS, which the NameNode
 * makes atomic), so that of two runs writing the same output only one goes ahead; the other is
 * refused before it reads anything. The file holds {@code pid@host} and the start time. A lock
 * left by a run that was killed with SIGKILL on this host (its pid is gone) is taken over; any
 * other lock is reported with the remedy. Object stores without an exclusive create (S3) give no
 * such guarantee.
 */
final class OutputLock {

  private final FileSystem fs;
  private final Path path;

  private OutputLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /** The lock's path for {@code target}. */
  static Path pathFor(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".lock");
  }

  /**
   * Takes the lock of {@code target} (its parent directory must exist).
   *
   * @throws UserError when another live run holds it
   */
  static OutputLock acquire(FileSystem fs, Path target, String command) throws IOException {
    Path lock = pathFor(target);
    String owner = ProcessHandle.current().pid() + "@" + host() + " " + Instant.now() + " em " + command + "\n";
    for (int attempt = 0; attempt < 2; attempt++) {
      if (createExclusively(fs, lock, owner.getBytes(StandardCharsets.UTF_8))) {
        return new OutputLock(fs, lock);
      }
      String holder = read(fs, lock);
      if (holder == null || !isDeadHereAndNow(holder)) {
        if (holder == null) {
          continue; // released between our create and our read: try again
        }
        throw new UserError(BadRecordLocator.displayPath(target.toString()) + ": another spark-em run ("
            + holder.strip() + ") is writing this output; wait for it to finish, or, if that run is "
            + "dead, delete " + BadRecordLocator.displayPath(lock.toString()));
      }
      fs.delete(lock, false); // left by a run killed on this host: its pid no longer exists
    }
    throw new UserError(BadRecordLocator.displayPath(target.toString())
        + ": could not take the lock " + BadRecordLocator.displayPath(lock.toString()) + "; try again");
  }

  /** Deletes the lock file. Never throws. */
  void release() {
    try {
      fs.delete(path, false);
    } catch (IOException | RuntimeException e) {
      // A lock left behind names its pid, and a dead pid's lock is taken over by the next run.
    }
  }

  private static boolean createExclusively(FileSystem fs, Path lock, byte[] content) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      // The raw file, created with O_EXCL: no .crc file beside it, and atomic.
      java.nio.file.Path file = local.pathToFile(lock).toPath();
      try {
        Files.write(file, content, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(lock, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(lock)) {
        return false; // some file systems report an existing file as a plain IOException
      }
      throw e;
    }
  }

  private static String read(FileSystem fs, Path lock) {
    try (InputStream in = fs.open(lock)) {
      return new String(in.readNBytes(1000), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the holder line names a process of this host that no longer runs. */
  private static boolean isDeadHereAndNow(String holder) {
    int at = holder.indexOf('@');
    int space = holder.indexOf(' ');
    if (at <= 0 || space <= at) {
      return false;
    }
    try {
      long pid = Long.parseLong(holder.substring(0, at));
      return holder.substring(at + 1, space).equals(host()) && ProcessHandle.of(pid).isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String host() {
    return Host.NAME;
  }

  /** This host's name, looked up once (a slow resolver costs its delay only once). */
  private static final class Host {
    static final String NAME = lookUp();

    private static String lookUp() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "localhost";
      }
    }
  }
}
