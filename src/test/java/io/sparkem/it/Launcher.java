package io.sparkem.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the real launcher, {@code submit/em}, as a subprocess, and the project's paths the
 * integration tests need. In {@code mvn verify} the package phase has built target/em-job.jar
 * and target/classpath.txt, so the launcher builds nothing.
 */
public final class Launcher {

  private Launcher() {}

  /** The project's root directory (failsafe passes it as {@code em.project.dir}). */
  public static Path projectDir() {
    return Path.of(System.getProperty("em.project.dir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** submit/jvm-flags: Spark's module options for Java 17. */
  static List<String> jvmFlags() {
    try {
      return Arrays.asList(Files.readString(projectDir().resolve("submit/jvm-flags")).trim().split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runtime classpath submit/em uses (Spark included): target/classpath.txt. */
  static List<String> runtimeClasspath() {
    Path file = projectDir().resolve("target/classpath.txt");
    if (!Files.exists(file) || !Files.exists(projectDir().resolve("target/em-job.jar"))) {
      throw new IllegalStateException(file + " or target/em-job.jar is missing: run the integration "
          + "tests through `mvn verify` (the package phase builds them)");
    }
    try {
      return Arrays.asList(Files.readString(file).trim().split(java.io.File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a finished run did. */
  public record Result(int code, String out, String err, double seconds) {}

  /** A running {@code submit/em}: its stderr is collected line by line as it comes. */
  public static final class Running {
    private final Process process;
    private final long started = System.nanoTime();
    private final StringBuilder out = new StringBuilder();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    Running(Process process) {
      this.process = process;
      this.outReader = pump(process.getInputStream(), line -> {
        synchronized (out) {
          out.append(line).append('\n');
        }
      });
      this.errReader = pump(process.getErrorStream(), line -> {
        synchronized (err) {
          err.add(line);
          err.notifyAll();
        }
      });
    }

    /** The launcher's PID: submit/em execs java, so this is the driver JVM. */
    public long pid() {
      return process.pid();
    }

    /** Waits until a stderr line matches; false when the process ended first or time ran out. */
    public boolean awaitLine(Predicate<String> match, long timeoutSeconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      int seen = 0;
      synchronized (err) {
        while (System.nanoTime() < deadline) {
          for (; seen < err.size(); seen++) {
            if (match.test(err.get(seen))) {
              return true;
            }
          }
          if (!process.isAlive() && !errReader.isAlive()) {
            return false;
          }
          err.wait(200);
        }
      }
      return false;
    }

    /** kill -9 of the driver JVM (and anything it started). */
    public void killHard() throws InterruptedException {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }

    /** Waits for the end (at most {@code timeoutSeconds}; then kills it and fails). */
    public Result await(long timeoutSeconds) throws InterruptedException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        killHard();
        throw new AssertionError("submit/em did not finish in " + timeoutSeconds + " s; stderr:\n" + err());
      }
      outReader.join(10_000);
      errReader.join(10_000);
      return new Result(process.exitValue(), out(), err(), (System.nanoTime() - started) / 1e9);
    }

    public String err() {
      synchronized (err) {
        return String.join("\n", err);
      }
    }

    String out() {
      synchronized (out) {
        return out.toString();
      }
    }

    private static Thread pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            sink.accept(line);
          }
        } catch (IOException e) {
          // the process died: nothing more to read
        }
      });
      t.setDaemon(true);
      t.start();
      return t;
    }
  }

  /** Starts {@code submit/em args...} from the project directory. */
  public static Running start(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(projectDir().resolve("submit/em").toString());
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectDir().toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_HOME"); // the project's own Spark, as the README's default
    pb.environment().remove("EM_MASTER");
    try {
      return new Running(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code submit/em args...} to the end. */
  public static Result run(long timeoutSeconds, String... args) throws InterruptedException {
    return start(args).await(timeoutSeconds);
  }

  /** The model.json contract ({@link io.sparkem.testing.ModelContract}) on DIR/model.json or a file: code 0 when it holds. */
  public static Result checkModel(Path dirOrFile) {
    List<String> problems = io.sparkem.testing.ModelContract.problems(dirOrFile);
    return new Result(problems.isEmpty() ? 0 : 1, String.join("\n", problems), "", 0);
  }
}
