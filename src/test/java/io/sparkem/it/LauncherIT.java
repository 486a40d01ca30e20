package io.sparkem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the real launcher shows (issue #14, items 2, 5, 6 and 10): {@code submit/em} as a
 * subprocess, its stderr as a user sees it. A signal sent to the running JVM while it loads the
 * input, fits or writes its output ends the run with 130 (SIGINT) or 143 (SIGTERM), one line saying
 * so and nothing left on disk but, when the signal came after the commit, the whole output; a user
 * error is one stderr line, with none of Spark's ERROR logs or stack traces, and so
 * is an OutOfMemoryError in a task, with exit 1 (Spark's own handler would exit with 52); a
 * successful predict ends without warnings; no run shows the JVM's line about incubator modules; and
 * a bad option value is reported before Spark starts (a master URL that Spark would reject is never
 * looked at).
 */
class LauncherIT {

  @TempDir static Path dir;
  static Path big;

  /** Progress lines of spark-em ("HH:mm:ss INFO sparkem: ...") are allowed around the one line. */
  private static List<String> notProgress(String stderr) {
    return stderr.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d INFO sparkem: .*")).toList();
  }

  @BeforeAll
  static void data() throws IOException {
    // Large enough that loading it and each pass take a few seconds on two cores.
    big = dir.resolve("big.csv");
    SplittableRandom rng = new SplittableRandom(2);
    StringBuilder sb = new StringBuilder("x,y,z\n");
    for (int i = 0; i < 400_000; i++) {
      double c = (i % 3) * 6;
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", c + rng.nextGaussian(), rng.nextGaussian(),
          c - rng.nextGaussian()));
    }
    Files.writeString(big, sb);
  }

  private static void assertNothingLeft(Path parent, String name) throws IOException {
    try (Stream<Path> files = Files.list(parent)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(name));
    }
  }

  /**
   * Starts a fit of k components into {@code output} and sends {@code signal} (by kill(1), to the
   * launcher's pid, which is the JVM's) as soon as a stderr line contains {@code when}.
   */
  private static Launcher.Result interrupt(String output, int k, String when, String signal) throws Exception {
    Launcher.Running run = Launcher.start("fit", "--input", big.toString(), "--k", String.valueOf(k), "--max-iter",
        "300", "--tol", "0", "--output", dir.resolve(output).toString());
    assertThat(run.awaitLine(l -> l.contains(when), 300)).as(run.err()).isTrue();
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(run.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    return run.await(120);
  }

  /** The contract of an interrupted run: exit code, one line saying so besides the progress lines, no summary, nothing on disk. */
  private static void assertInterrupted(Launcher.Result r, String output, String signal, int code)
      throws IOException {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(notProgress(r.err())).as(r.err())
        .containsExactly("em fit: interrupted by SIG" + signal + "; the unfinished output was removed");
    assertThat(r.out()).isEmpty();
    assertNothingLeft(dir, output);
  }

  @Test
  void sigtermWhileLoadingLeavesNothingAndBlamesNothing() throws Exception {
    // "features: ..." is logged when the columns are chosen, just before the load job reads the records.
    assertInterrupted(interrupt("loading", 3, "features: x, y, z", "TERM"), "loading", "TERM", 143);
  }

  @Test
  void sigintWhileFittingLeavesNothingAndExits130() throws Exception {
    // Six components for three blobs: hundreds of slow passes (three would converge in eight).
    assertInterrupted(interrupt("fitting", 6, "iteration 2/300", "INT"), "fitting", "INT", 130);
  }

  @Test
  void sigtermWhileTheOutputIsWrittenLeavesTheWholeOutputOrNothing() throws Exception {
    // "done: ..." is logged when the fit has converged (in eight passes), before model.json, the
    // report's sample of the records, report.html and the commit.
    Launcher.Result r = interrupt("writing", 3, "done: ", "TERM");
    System.out.println("LauncherIT: SIGTERM after the fit's last pass landed "
        + (Files.exists(dir.resolve("writing")) ? "after" : "before") + " the commit");
    if (!Files.exists(dir.resolve("writing"))) {
      assertInterrupted(r, "writing", "TERM", 143);
      return;
    }
    // The signal came after the commit: the output is whole, and only it is there.
    assertThat(r.code()).as(r.err()).isEqualTo(143);
    assertThat(notProgress(r.err())).as(r.err()).containsExactly("em fit: interrupted by SIGTERM");
    assertThat(Launcher.checkModel(dir.resolve("writing")).code()).isZero();
    assertThat(dir.resolve("writing/_SUCCESS")).exists();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).filteredOn(n -> n.contains("writing"))
          .containsExactly("writing");
    }
  }

  @Test
  void predictSaysOneLineOnAUserErrorAndNothingButItsSummaryOnSuccess() throws Exception {
    Path in = dir.resolve("small.csv");
    Files.writeString(in, "x,y\n0.5,1.5\n-1.0,0.2\n9.5,10.1\n10.2,9.7\n");
    Path gaussian = dir.resolve("gaussian.json");
    Files.writeString(gaussian, "{\"family\": \"gaussian\", \"covariance\": \"full\", \"k\": 2, \"dimension\": 2, "
        + "\"features\": [\"x\", \"y\"], \"components\": ["
        + "{\"weight\": 0.5, \"mean\": [0, 0], \"covariance\": [[1, 0], [0, 1]]},"
        + "{\"weight\": 0.5, \"mean\": [10, 10], \"covariance\": [[1, 0], [0, 1]]}]}");
    Path poisson = dir.resolve("poisson.json");
    Files.writeString(poisson, "{\"family\": \"poisson\", \"k\": 1, \"dimension\": 2, \"features\": [\"x\", \"y\"], "
        + "\"components\": [{\"weight\": 1.0, \"lambda\": [1.0, 2.0]}]}");

    Launcher.Result wrong = Launcher.run(300, "predict", "--model", poisson.toString(), "--input", in.toString(),
        "--output", dir.resolve("scored-wrong").toString());
    assertThat(wrong.code()).as(wrong.err()).isEqualTo(2);
    assertThat(notProgress(wrong.err())).as(wrong.err()).singleElement().asString()
        .startsWith("em predict: error: " + in + ": row 1 (line 2), column 'x'").contains("non-negative integer");
    assertNothingLeft(dir, "scored-wrong");

    Launcher.Result ok = Launcher.run(300, "predict", "--model", gaussian.toString(), "--input", in.toString(),
        "--output", dir.resolve("scored").toString(), "--format", "csv");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(notProgress(ok.err())).as(ok.err()).isEmpty(); // no "WARN DataSource: All paths were ignored"
    assertThat(ok.out()).contains("\"records\":4");
  }

  @Test
  void runningOutOfMemoryIsOneLineAndExitOne() throws Exception {
    // One sequence of 400,000 records and 300 states: the forward-backward pass of its block holds
    // 2 × 400,000 × 300 doubles (1.9 GB), which a 1 GB driver cannot give (and the memory estimate
    // does not count: it covers θ, statistics and workspaces).
    Path in = dir.resolve("one-long-sequence.csv");
    SplittableRandom rng = new SplittableRandom(3);
    StringBuilder sb = new StringBuilder("s,t,x\n");
    for (int t = 0; t < 400_000; t++) {
      sb.append("a,").append(t).append(',').append(String.format(Locale.ROOT, "%.3f", rng.nextGaussian()))
          .append('\n');
    }
    Files.writeString(in, sb);
    Launcher.Result r = Launcher.run(600, "fit", "--input", in.toString(), "--family", "hmm", "--sequence-col", "s",
        "--order-col", "t", "--k", "300", "--max-iter", "1", "--output", dir.resolve("oom").toString(),
        "--driver-memory", "1g");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(notProgress(r.err())).as(r.err()).singleElement().asString()
        .startsWith("em fit: out of memory (Java heap space)").contains("--driver-memory");
    assertNothingLeft(dir, "oom");
  }

  @Test
  void aBadOptionValueIsReportedBeforeSparkStarts() throws Exception {
    // Spark would fail to start on this master URL: the error must be the option's.
    Launcher.Result r = Launcher.run(120, "fit", "--input", big.toString(), "--k", "2", "--output",
        dir.resolve("never").toString(), "--tol", "-1", "--conf", "spark.master=bogus://nowhere");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly("em fit: error: --tol must be a finite number >= 0, got -1.0");
    Launcher.Result parse = Launcher.run(120, "fit", "--no-such-flag");
    assertThat(parse.code()).isEqualTo(2);
    System.out.printf("LauncherIT: a bad --tol reported in %.2f s, a parse error in %.2f s (submit/em wall time)%n",
        r.seconds(), parse.seconds());
    assertNothingLeft(dir, "never");
  }
}
