package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outputs of this JVM that are prepared and neither committed nor aborted, and the one monitor
 * under which they are written to, committed and aborted. An interrupt ({@link #abortAll}, from the
 * shutdown hook) aborts them all and closes the registry: from then on no output may be prepared,
 * written to or committed. Because every write of the driver holds the same monitor, no write can
 * land between the abort's delete and the end of the JVM and bring a temporary directory back; a
 * write already under way finishes first and is deleted with the rest. Spark's writers are not
 * under the monitor (their tasks write into {@link OutputDirectory#temporaryUri}) and may bring a
 * temporary directory back until Spark has stopped: {@link #sweep} deletes the aborted outputs'
 * temporary directories once more after that.
 */
final class PendingOutputs {

  /** Prepared and neither committed nor aborted; also the monitor of every write, commit and abort. */
  private static final Set<OutputDirectory> PENDING = new LinkedHashSet<>();
  /** Aborted by the interrupt: swept once more when Spark has stopped. */
  private static final List<OutputDirectory> ABORTED = new ArrayList<>();
  /** Set by an interrupt: the JVM is ending. */
  private static boolean closed;

  private PendingOutputs() {}

  /** Registers a prepared output; refuses (after discarding it) when the JVM is ending. */
  static void add(OutputDirectory out, String shown) {
    synchronized (PENDING) {
      if (closed) {
        out.discard();
        throw new UserError(shown + ": interrupted before the output was prepared");
      }
      PENDING.add(out);
    }
  }

  /**
   * Runs {@code action} on {@code out} under the monitor, when {@code out} is still pending and the
   * JVM is not ending; otherwise throws. {@code finish} removes {@code out} from the pending ones
   * once the action succeeded (a commit).
   */
  static void whilePending(OutputDirectory out, boolean finish, Runnable action) {
    synchronized (PENDING) {
      if (closed || !PENDING.contains(out)) {
        throw new IllegalStateException("the output " + out.path() + " was aborted (interrupted)");
      }
      action.run();
      if (finish) {
        PENDING.remove(out);
      }
    }
  }

  /** Discards {@code out} unless it was committed or discarded already. Never throws. */
  static void abort(OutputDirectory out) {
    synchronized (PENDING) {
      if (PENDING.remove(out)) {
        out.discard();
      }
    }
  }

  /** Aborts every pending output and refuses everything later; returns how many were aborted. */
  static int abortAll() {
    synchronized (PENDING) {
      closed = true;
      int n = PENDING.size();
      for (OutputDirectory out : PENDING) {
        out.discard();
        ABORTED.add(out);
      }
      PENDING.clear();
      return n;
    }
  }

  /** Deletes the temporary directories of the aborted outputs again (Spark's writers may have made them anew). */
  static void sweep() {
    synchronized (PENDING) {
      for (OutputDirectory out : ABORTED) {
        out.sweep();
      }
    }
  }

  /** Undoes {@link #abortAll}'s refusal (tests that interrupt in-process). */
  static void reopen() {
    synchronized (PENDING) {
      closed = false;
      ABORTED.clear();
    }
  }
}
