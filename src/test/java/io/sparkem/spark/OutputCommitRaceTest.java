package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt that lands while an output is being committed (issue #14, item 2): the shutdown
 * hook's {@link OutputDirectory#abortAllPending} races a {@link OutputDirectory#commit} on real
 * files, many times at random offsets. Whatever the timing, the output is afterwards either the
 * complete new one or the complete previous one — never missing, never half — and nothing else is
 * left beside it: no {@code .NAME.tmp-*}, {@code .NAME.old-*} or {@code .NAME.lock}.
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
      CountDownLatch go = new CountDownLatch(1);
      // Either side may start first, by up to a millisecond: a commit takes about that long.
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
