package io.sparkem.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs {@code submit/em} from the repository as a user would: a separate process. */
final class Launcher {

  /** A finished (or killed) launcher process. */
  record Result(int code, String out, String err, double seconds) {}

  private Launcher() {}

  static Path root() {
    return Path.of("").toAbsolutePath();
  }

  static ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(root().resolve("submit/em").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root().toFile());
    pb.environment().remove("SPARK_HOME"); // Spark's SparkSubmit from the project's classpath
    pb.environment().remove("EM_MASTER");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }

  static Result run(String... args) throws Exception {
    return killing(null, null, args);
  }

  /**
   * Runs the launcher; when a stderr line satisfies {@code trigger}, runs {@code action} once
   * (for example, kills something). Gives up after 10 minutes.
   */
  static Result runUntil(Predicate<String> trigger, Runnable action, String... args) throws Exception {
    return killing(trigger, p -> action.run(), args);
  }

  /** As {@link #runUntil}, the action getting the launcher's own process (to kill the driver). */
  static Result killing(Predicate<String> trigger, java.util.function.Consumer<Process> action,
      String... args) throws Exception {
    long started = System.nanoTime();
    Process p = builder(args).start();
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Thread outReader = pump(p.getInputStream(), out, null, null);
    Thread errReader = pump(p.getErrorStream(), err, trigger, action == null ? null : () -> action.accept(p));
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("submit/em " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    outReader.join();
    errReader.join();
    return new Result(p.exitValue(), out.toString(), err.toString(), (System.nanoTime() - started) / 1e9);
  }

  private static Thread pump(java.io.InputStream in, StringBuilder into, Predicate<String> trigger,
      Runnable action) {
    Thread t = new Thread(() -> {
      boolean fired = false;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (into) {
            into.append(line).append('\n');
          }
          if (!fired && trigger != null && trigger.test(line)) {
            fired = true;
            action.run();
          }
        }
      } catch (IOException e) {
        // the process went away; what was read is kept
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
