package io.sparkem.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.AbstractFilterable;

/**
 * Holds back the error reports of Spark, Hadoop and the other libraries until the command's exit
 * code is known. When a task fails on the user's data, Spark logs the failure at ERROR with its
 * stack trace from several places (the writer aborting, the task aborting) before spark-em can
 * say in one line what was wrong; those lines are what a user error must not show. So every event
 * of a logger outside {@code io.sparkem} that is an ERROR, or carries a throwable, is held (at most
 * {@value #MAX_HELD}); at the end they are printed for exit 0 and 1 (something unexpected: the
 * details matter) and dropped for exit 2 (the user's fault, already said in one line). Warnings
 * without a throwable and spark-em's own progress lines pass at once.
 *
 * <p>Installed only by {@code main}, as a filter on every appender of the log configuration, so it
 * works under {@code submit/em}'s configuration and under a cluster's own.
 */
final class DeferredLogs {

  private static final int MAX_HELD = 500;
  private static DeferredLogs installed;

  /** Held events with the appender each was going to. */
  private final List<Held> held = new ArrayList<>();
  private int dropped;

  private record Held(Appender appender, LogEvent event) {}

  private DeferredLogs() {}

  /** Puts the filter on every appender of the current log configuration. */
  static synchronized void install() {
    if (installed != null) {
      return;
    }
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return; // log4j's API routed to another backend: its logs pass as they come
    }
    DeferredLogs filter = new DeferredLogs();
    for (Appender appender : context.getConfiguration().getAppenders().values()) {
      if (appender instanceof AbstractFilterable filterable) {
        filterable.addFilter(new PerAppender(filter, appender));
      }
    }
    installed = filter;
  }

  /** Prints the held events (exit 0 and 1) or drops them (exit 2). */
  static synchronized void release(int exitCode) {
    if (installed == null) {
      return;
    }
    DeferredLogs filter = installed;
    List<Held> events;
    synchronized (filter) {
      events = new ArrayList<>(filter.held);
      filter.held.clear();
    }
    if (exitCode != 2) {
      for (Held h : events) {
        h.appender().append(h.event());
      }
      if (filter.dropped > 0) {
        System.err.println("(" + filter.dropped + " more error log lines were not kept)");
      }
    }
  }

  /** Drops what is held (an interrupt: the failures that follow it are Spark stopping). */
  static synchronized void discard() {
    if (installed != null) {
      synchronized (installed) {
        installed.held.clear();
      }
    }
  }

  private static boolean deferred(LogEvent event) {
    String logger = event.getLoggerName();
    if (logger != null && logger.startsWith("io.sparkem")) {
      return false;
    }
    return event.getLevel().isMoreSpecificThan(Level.ERROR)
        || (event.getThrown() != null && event.getLevel().isMoreSpecificThan(Level.WARN));
  }

  private synchronized void hold(Appender appender, LogEvent event) {
    if (held.size() < MAX_HELD) {
      held.add(new Held(appender, event.toImmutable()));
    } else {
      dropped++;
    }
  }

  /** The filter as one appender sees it: it must know which appender to replay an event to. */
  private static final class PerAppender extends AbstractFilter {
    private final DeferredLogs owner;
    private final Appender appender;

    PerAppender(DeferredLogs owner, Appender appender) {
      super(Filter.Result.NEUTRAL, Filter.Result.NEUTRAL);
      this.owner = owner;
      this.appender = appender;
      start();
    }

    @Override
    public Result filter(LogEvent event) {
      if (!deferred(event)) {
        return Result.NEUTRAL;
      }
      owner.hold(appender, event);
      return Result.DENY;
    }
  }
}
