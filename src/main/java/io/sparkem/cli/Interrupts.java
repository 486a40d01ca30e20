package io.sparkem.cli;

import io.sparkem.spark.OutputDirectory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * dying command prints afterwards to nowhere. A second hook, after Spark's, waits a moment for the
 * command to give up and deletes the aborted outputs' temporary directories once more: Spark's
 * writers may have made them anew until Spark stopped ({@link OutputDirectory#sweepAborted}).
 *
 * <p>A JVM started with SIGINT ignored (a background job of a non-interactive shell) keeps
 * ignoring it, as the JVM itself does.
 */
final class Interrupts {

  /** Above Spark's hook (FileSystem.SHUTDOWN_HOOK_PRIORITY + 30 = 40) and FileSystem's (10). */
  private static final int PRIORITY = 100;
  /** Below Spark's hook (40), above FileSystem's (10): Spark has stopped, the file systems are open. */
  private static final int SWEEP_PRIORITY = 20;
  /** How long the sweep waits for the command to return once Spark has stopped under it. */
  private static final long SETTLE_SECONDS = 3;
  private static final CountDownLatch FINISHED = new CountDownLatch(1);

  private static volatile String signal;
  private static volatile String command = "em";

  private Interrupts() {}

  /** Installs the signal recorders (once, from {@code main}); they add the shutdown hooks when a signal comes. */
  static void install() {
    record("INT", 130);
    record("TERM", 143);
  }

  /** The command has returned (from {@code main}): nothing of it writes any more. */
  static void finished() {
    FINISHED.countDown();
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
        if (signal != null) {
          return; // a second signal: the JVM is already ending
        }
        signal = "SIG" + name;
        addHooks();
        System.exit(exitCode); // what the JVM's own handler does: 128 + the signal's number
      });
    } catch (IllegalArgumentException e) {
      // The signal is reserved (-Xrs) or unknown here: the JVM's defaults stay.
    }
  }

  /**
   * The hooks, added only once a signal has come: Hadoop's hook manager reads Hadoop's configuration
   * when it starts (some 350 classes), which would slow down every command that fails before Spark
   * starts (a bad option is reported in about a second).
   */
  private static void addHooks() {
    try {
      org.apache.hadoop.util.ShutdownHookManager hooks = org.apache.hadoop.util.ShutdownHookManager.get();
      hooks.addShutdownHook(Interrupts::onShutdown, PRIORITY);
      hooks.addShutdownHook(Interrupts::afterSpark, SWEEP_PRIORITY);
    } catch (RuntimeException e) {
      // The JVM is ending already (another exit came first): its own shutdown goes on.
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

  private static void afterSpark() {
    if (signal == null) {
      return;
    }
    try {
      FINISHED.await(SETTLE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    OutputDirectory.sweepAborted();
  }
}
