package io.sparkem.cli;

import io.sparkem.core.UserError;
import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.ChecksumException;

/**
 * How a failed command is reported: its exit code and what stderr gets. A {@link UserError}
 * anywhere in the cause chain (Spark wraps what tasks throw) is exit 2 with its message as one
 * line; so is a Hadoop checksum mismatch, which is the input's fault (the file changed after its
 * {@code .NAME.crc} was written). Running out of memory is exit 1 with one line that says so and
 * what to do. Anything else is exit 1 with the stack trace. After an interrupt nothing is printed:
 * the shutdown hook has said it, and the failure is only Spark stopping.
 */
final class Failures {

  private static final Pattern CHECKSUM = Pattern.compile("Checksum error: (\\S+) at (\\d+)");

  private Failures() {}

  /** Reports {@code e}, the failure of {@code em command}; returns the exit code. */
  static int report(Throwable e, String command, PrintWriter err) {
    if (Interrupts.interrupted()) {
      return 1; // the JVM exits with 130 or 143 whatever this says
    }
    String prefix = "em " + command + ": ";
    UserError user = find(e, UserError.class);
    ChecksumException checksum = find(e, ChecksumException.class);
    OutOfMemoryError memory = find(e, OutOfMemoryError.class);
    if (user != null || checksum != null) {
      // A checksum mismatch first: a reader may have wrapped it in a vaguer "cannot be read".
      err.println(prefix + "error: " + oneLine(checksum != null ? checksumMessage(checksum) : user.getMessage()));
      err.flush();
      return 2;
    }
    if (memory != null) {
      DeferredLogs.discard(); // Spark's reports of the same failure, with their stack traces
      err.println(prefix + "out of memory (" + memory.getMessage() + "): this run needs more memory than "
          + "its JVMs have; give them more (--driver-memory, and --executor-memory on a cluster), or "
          + "make the model smaller (fewer features or components, --covariance diag)");
      err.flush();
      return 1;
    }
    err.println(prefix + "internal error: " + oneLine(String.valueOf(e.getMessage())));
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  /** The first {@code type} in the cause chain of {@code e}, or null. */
  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** "FILE: does not match its checksum file .FILE.crc ..." from Hadoop's message. */
  static String checksumMessage(ChecksumException e) {
    Matcher m = CHECKSUM.matcher(String.valueOf(e.getMessage()));
    String file = m.find() ? m.group(1) : "an input file";
    String at = m.find(0) ? " (the first mismatch is near byte " + m.group(2) + ")" : "";
    String shown = file.startsWith("file:") ? file.replaceFirst("^file:(//)?", "") : file;
    String name = shown.substring(shown.lastIndexOf('/') + 1);
    return shown + ": the file does not match its checksum file ." + name + ".crc" + at + ": it was changed "
        + "or damaged after the checksum was written; restore the file, or, if the change was intended, "
        + "delete ." + name + ".crc beside it";
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
