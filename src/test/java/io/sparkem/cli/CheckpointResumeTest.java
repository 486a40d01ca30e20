package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checkpoint-dir} / {@code --resume}: a fit stopped after some iterations and resumed
 * ends exactly where the uninterrupted fit ends (same iterations, same θ, same trace values).
 * The driver-kill version of this test runs against a real subprocess and a standalone cluster in ClusterIT.
 */
class CheckpointResumeTest {

  @TempDir Path dir;

  @Test
  void resumedFitEqualsTheUninterruptedOne() throws Exception {
    Path in = Data.csv(dir.resolve("in.csv"), "x,y", Data.twoBlobs(300, 12));
    String[] common = {"--input", in.toString(), "--k", "3", "--tol", "0", "--restarts", "2"};

    Path whole = dir.resolve("whole");
    assertThat(run(common, "--max-iter", "12", "--output", whole.toString()).code()).isZero();

    Path ckpt = dir.resolve("ckpt");
    Path first = dir.resolve("first");
    assertThat(run(common, "--max-iter", "5", "--checkpoint-dir", ckpt.toString(), "--output",
        first.toString()).code()).isZero();
    assertThat(ckpt.resolve("checkpoint.json")).exists();
    Path resumed = dir.resolve("resumed");
    Cli.Run r = run(common, "--max-iter", "12", "--checkpoint-dir", ckpt.toString(), "--resume",
        "--output", resumed.toString());
    assertThat(r.code()).as(r.err()).isZero();

    JsonNode a = FitCommandTest.model(whole);
    JsonNode b = FitCommandTest.model(resumed);
    assertThat(b.path("iterations")).isEqualTo(a.path("iterations"));
    assertThat(b.path("components")).isEqualTo(a.path("components")); // bit for bit
    assertThat(b.path("logLikelihood")).isEqualTo(a.path("logLikelihood"));
    assertThat(b.path("trace").size()).isEqualTo(12);
    for (int i = 0; i < 12; i++) {
      assertThat(b.path("trace").get(i).path("logLikelihood"))
          .isEqualTo(a.path("trace").get(i).path("logLikelihood"));
    }
    try (var files = Files.list(ckpt)) { // the local file system's .crc sidecar aside
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
          .containsExactly("checkpoint.json");
    }
  }

  /**
   * With SQUAREM a checkpoint is taken at the end of an extrapolation cycle, so a resumed fit is not
   * bit-identical to an uninterrupted one; what it must do: continue from the saved θ (never below
   * the interrupted run's log-likelihood), keep the accepted trace monotone, and reach the same
   * optimum.
   */
  @Test
  void squaremResumesMonotonicallyToTheSameOptimum() throws Exception {
    // The heights: overlapping groups, EM needs hundreds of plain steps; SQUAREM a few dozen passes.
    Path in = Path.of("conf/examples/data/heights.csv");
    String[] common = {"--input", in.toString(), "--k", "2", "--tol", "1e-10", "--accelerate", "squarem"};

    Path whole = dir.resolve("whole");
    assertThat(run(common, "--max-iter", "400", "--output", whole.toString()).code()).isZero();
    Path ckpt = dir.resolve("ckpt");
    Path first = dir.resolve("first");
    assertThat(run(common, "--max-iter", "7", "--checkpoint-dir", ckpt.toString(), "--output",
        first.toString()).code()).isZero();
    Cli.Run r = run(common, "--max-iter", "400", "--checkpoint-dir", ckpt.toString(), "--resume",
        "--output", dir.resolve("resumed").toString());
    assertThat(r.code()).as(r.err()).isZero();

    JsonNode a = FitCommandTest.model(whole);
    JsonNode interrupted = FitCommandTest.model(first);
    JsonNode b = FitCommandTest.model(dir.resolve("resumed"));
    assertThat(interrupted.path("converged").asBoolean()).isFalse();
    assertThat(b.path("converged").asBoolean()).isTrue();
    assertThat(b.path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(interrupted.path("logLikelihood").asDouble());
    double last = Double.NEGATIVE_INFINITY;
    for (JsonNode t : b.path("trace")) {
      if (t.path("accepted").asBoolean(true)) {
        assertThat(t.path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(last - 1e-9);
        last = t.path("logLikelihood").asDouble();
      }
    }
    double optimum = a.path("logLikelihood").asDouble();
    assertThat(b.path("logLikelihood").asDouble()).isCloseTo(optimum, org.assertj.core.data.Offset.offset(1e-6 * Math.abs(optimum)));
  }

  @Test
  void aCheckpointOfAnotherFitIsRefused() {
    Path in = Data.csv(dir.resolve("in.csv"), "x,y", Data.twoBlobs(100, 2));
    Path ckpt = dir.resolve("ckpt");
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--max-iter", "2", "--checkpoint-dir",
        ckpt.toString(), "--output", dir.resolve("a").toString()).code()).isZero();
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--k", "3", "--checkpoint-dir", ckpt.toString(),
        "--resume", "--output", dir.resolve("b").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("belongs to another fit");
    assertThat(dir.resolve("b")).doesNotExist();
  }

  private static Cli.Run run(String[] common, String... more) {
    String[] args = new String[common.length + more.length + 1];
    args[0] = "fit";
    System.arraycopy(common, 0, args, 1, common.length);
    System.arraycopy(more, 0, args, 1 + common.length, more.length);
    return Cli.run(args);
  }
}
