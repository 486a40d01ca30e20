package io.sparkem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Driver loss: the job's own JVM is killed (SIGKILL) in the middle of a fit that saves checkpoints;
 * rerun with {@code --resume}, it ends with the model of an uninterrupted run (same iterations,
 * θ to 1e-12 — in fact bit for bit).
 */
class ResumeIT {

  @Test
  void killedDriverResumesToTheUninterruptedModel() throws Exception {
    Path dir = Files.createTempDirectory("resume-it");
    Path data = dir.resolve("data");
    assertThat(Launcher.run("generate", "--output", data.toString(), "--n", "20000", "--k", "4",
        "--dimension", "2", "--seed", "8").code()).isZero();
    String[] fit = {"fit", "--input", data.toString(), "--k", "8", "--tol", "0", "--max-iter", "30",
        "--restarts", "2"};

    Launcher.Result whole = Launcher.run(concat(fit, "--output", dir.resolve("whole").toString()));
    assertThat(whole.code()).as(whole.err()).isZero();

    Path ckpt = dir.resolve("ckpt");
    Launcher.Result killed = Launcher.killing(line -> line.contains("iteration 12/30"),
        Process::destroyForcibly,
        concat(fit, "--checkpoint-dir", ckpt.toString(), "--output", dir.resolve("out").toString()));
    assertThat(killed.code()).as(killed.err()).isNotZero();
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(ckpt.resolve("checkpoint.json")).exists();

    Launcher.Result resumed = Launcher.run(concat(fit, "--checkpoint-dir", ckpt.toString(), "--resume",
        "--output", dir.resolve("out").toString()));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("--resume: continuing");
    Models.assertSameNumbers(Models.read(dir.resolve("out")), Models.read(dir.resolve("whole")), 1e-12);
    assertThat(Models.read(dir.resolve("out")).path("components"))
        .isEqualTo(Models.read(dir.resolve("whole")).path("components"));
    Models.assertContractValid(dir.resolve("out"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
