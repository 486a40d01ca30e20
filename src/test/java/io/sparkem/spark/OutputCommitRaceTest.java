package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkem.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt that lands while an output is being written or committed (issue #14, item 2): the
 * shutdown hook's {@link OutputDirectory#abortAllPending} races the command's last write and its
 * {@link OutputDirectory#commit} on real files, many times at random offsets. Whatever the timing,
 * the output is afterwards either the complete new one or the complete previous one — never
 * missing, never half — and nothing else is left beside it: no {@code .NAME.tmp-*},
 * {@code .NAME.old-*} or {@code .NAME.lock}. A write that comes after the abort is refused: it
 * would bring back the temporary directory the abort deleted (found through the real launcher: a
 * signal just before {@code report.html} was written left {@code .NAME.tmp-UUID/report.html}).
 */
class OutputCommitRaceTest {

  private static final int ROUNDS = 40;

  @TempDir Path dir;

  @AfterEach
  void reopen() {
    OutputDirectory.reopen();
  }

  @Test
  void anInterruptDuringACommitLeavesTheOldOrTheNewOutputAndNothingElse() throws Exception {
    Configuration conf = SparkTest.spark().sparkContext().hadoopConfiguration();
    Path target = dir.resolve("model");
    write(conf, target, "old");
    SplittableRandom rng = new SplittableRandom(14);
    int committed = 0;
    int aborted = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String version = "v" + round;
      OutputDirectory out = OutputDirectory.prepare(conf, target.toString(), true, "fit", List.of());
      out.writeFile("model.json", version.getBytes(StandardCharsets.UTF_8));
      byte[] report = ("report of " + version).getBytes(StandardCharsets.UTF_8);
      CountDownLatch go = new CountDownLatch(1);
      // Either side may start first, by up to a millisecond: a write and a commit take about that long.
      long interruptDelay = rng.nextLong(1_000_000);
      long commitDelay = rng.nextLong(1_000_000);
      Thread interrupt = new Thread(() -> {
        awaitQuietly(go);
        spin(interruptDelay);
        OutputDirectory.abortAllPending();
      });
      interrupt.start();
      go.countDown();
      spin(commitDelay);
      boolean done;
      try {
        out.writeFile("report.html", report);
        out.commit();
        done = true;
      } catch (IllegalStateException e) { // the interrupt came first
        done = false;
      }
      interrupt.join();
      OutputDirectory.reopen();
      String now = Files.readString(target.resolve("model.json"));
      assertThat(target.resolve("_SUCCESS")).exists();
      assertThat(target.resolve("_SPARK_EM")).exists();
      if (done) {
        assertThat(now).isEqualTo(version);
        assertThat(target.resolve("report.html")).hasBinaryContent(report);
        committed++;
      } else {
        assertThat(now).isNotEqualTo(version);
        aborted++;
      }
      try (Stream<Path> beside = Files.list(dir)) {
        assertThat(beside.map(p -> p.getFileName().toString())).as("round " + round).containsExactly("model");
      }
    }
    System.out.printf("OutputCommitRaceTest: %d commits finished, %d aborted before they began%n", committed,
        aborted);
    assertThat(committed + aborted).isEqualTo(ROUNDS);
  }

  @Test
  void afterAnInterruptNoWriteOrCommitBringsTheTemporaryDirectoryBack() throws Exception {
    Configuration conf = SparkTest.spark().sparkContext().hadoopConfiguration();
    Path target = dir.resolve("out");
    OutputDirectory out = OutputDirectory.prepare(conf, target.toString(), false, "generate", List.of());
    out.writeFile("part-0.csv", "x\n1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(OutputDirectory.abortAllPending()).isEqualTo(1);
    byte[] late = "written after the abort".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> out.writeFile("model.json", late)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> out.writeSibling(".truth.json", late, Pattern.compile("")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(out::commit).isInstanceOf(IllegalStateException.class);
    // What Spark's writers may still do until Spark has stopped: the sweep after it removes that.
    Files.createDirectories(Path.of(java.net.URI.create(out.temporaryUri())).resolve("_temporary/0"));
    OutputDirectory.sweepAborted();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  private static void write(Configuration conf, Path target, String content) {
    OutputDirectory out = OutputDirectory.prepare(conf, target.toString(), true, "fit", List.of());
    out.writeFile("model.json", content.getBytes(StandardCharsets.UTF_8));
    out.commit();
  }

  private static void spin(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
