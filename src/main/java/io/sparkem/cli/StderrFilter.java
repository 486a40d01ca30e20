package io.sparkem.cli;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The end of the launcher's stderr filter ({@code submit/em} drops the JVM's line about incubator
 * modules through a filter process between this JVM and the real stderr). A caller that waits for
 * this JVM's exit and then reads stderr must find every line there, so before exiting the JVM
 * closes its stderr — the filter then sees the end of its input — and waits (at most two seconds)
 * for the filter to pass the last lines on and exit. The launcher names the filter in
 * {@code -Dem.stderr.filter=PID@HOST}; without it (tests, a plain {@code spark-submit}, a driver on
 * another host) this does nothing.
 */
final class StderrFilter {

  private StderrFilter() {}

  /** Closes {@code stderr} (the JVM's own) and waits for the launcher's filter to finish; call last. */
  static void drain(java.io.PrintStream stderr) {
    Optional<ProcessHandle> filter = filter(System.getProperty("em.stderr.filter"));
    if (filter.isEmpty()) {
      return;
    }
    stderr.flush();
    stderr.close(); // the JVM points fd 2 at /dev/null: the filter reads to its end
    try {
      filter.get().onExit().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Waited long enough: exit anyway.
    }
  }

  private static Optional<ProcessHandle> filter(String spec) {
    if (spec == null || !spec.contains("@")) {
      return Optional.empty();
    }
    String host = spec.substring(spec.indexOf('@') + 1);
    try {
      String here = InetAddress.getLocalHost().getHostName();
      if (!here.split("\\.")[0].equals(host.split("\\.")[0])) {
        return Optional.empty(); // a cluster-mode driver: the filter runs on the submitting host
      }
      return ProcessHandle.of(Long.parseLong(spec.substring(0, spec.indexOf('@'))));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
