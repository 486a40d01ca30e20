package io.sparkem.cli;

import io.sparkem.spark.OutputDirectory;
import java.io.OutputStream;
import java.io.PrintStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM in the real launcher: the run stops, leaves nothing behind and says so in one
 * line, with exit 130 (SIGINT) or 143 (SIGTERM) as shells and schedulers expect (128 + signal).
 *
 * <p>The JVM turns both signals into an orderly shutdown whose hooks run while the command's own
 * thread goes on — and Spark's hook stops the SparkContext under it, so that the command then
 * fails in whatever it was doing (reading the input, a pass, a commit) and would blame the input.
 * So: a signal handler records which signal came; a shutdown hook that runs before Spark's and
 * before Hadoop closes its file systems (Hadoop's ShutdownHookManager orders them by priority)
 * silences the logs, aborts every output not yet committed (a commit in progress finishes first,
 * see {@link OutputDirectory#abortAllPending}), prints the one line and sends everything the
 * dying command prints afterwards to nowhere.
 *
 * <p>A JVM started with SIGINT ignored (a background job of a non-interactive shell) keeps
 * ignoring it, as the JVM itself does.
 */
final class Interrupts {

  /** Above Spark's hook (FileSystem.SHUTDOWN_HOOK_PRIORITY + 30 = 40) and FileSystem's (10). */
  private static final int PRIORITY = 100;

  private static volatile String signal;
  private static volatile String command = "em";

  private Interrupts() {}

  /** Installs the signal recorders and the shutdown hook (once, from {@code main}). */
  static void install() {
    record("INT", 130);
    record("TERM", 143);
    org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(Interrupts::onShutdown, PRIORITY);
  }

  /** The command running, for the message ({@code fit}, {@code predict}, ...). */
  static void running(String name) {
    command = "em " + name;
  }

  /** Whether an interrupt is ending this JVM (the command's own failure is then no news). */
  static boolean interrupted() {
    return signal != null;
  }

  private static void record(String name, int exitCode) {
    try {
      Signal.handle(new Signal(name), s -> {
        signal = "SIG" + name;
        System.exit(exitCode); // what the JVM's own handler does: 128 + the signal's number
      });
    } catch (IllegalArgumentException e) {
      // The signal is reserved (-Xrs) or unknown here: the JVM's defaults stay.
    }
  }

  private static void onShutdown() {
    if (signal == null) {
      return; // an ordinary exit
    }
    PrintStream err = System.err;
    try {
      Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
    } catch (RuntimeException | LinkageError e) {
      // another logging backend: Spark's words while it stops may show
    }
    DeferredLogs.discard();
    int aborted = OutputDirectory.abortAllPending();
    // From here on the command's thread only fails because Spark is stopping; its words are noise
    // (and a summary line saying "ok" would contradict the exit code).
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    err.println(command + ": interrupted by " + signal
        + (aborted > 0 ? "; the unfinished output was removed" : ""));
    StderrFilter.drain(err);
  }
}
