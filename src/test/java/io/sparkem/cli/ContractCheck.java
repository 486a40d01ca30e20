package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the contract's own checker, shared/tools/check-model.py, on a model.json our job wrote:
 * schema and arithmetic checked by code that is not ours.
 */
public final class ContractCheck {

  private ContractCheck() {}

  /** The checker beside the repository (../shared in CI and on developer machines). */
  static Path checker() {
    for (Path p : new Path[] {Path.of("..", "shared", "tools", "check-model.py"),
        Path.of("/work/shared/tools/check-model.py")}) {
      if (Files.exists(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException("shared/tools/check-model.py not found beside the repository");
  }

  public static void assertValid(Path outputDir) throws IOException {
    Process p = new ProcessBuilder("python3", checker().toString(), outputDir.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertThat(p.waitFor()).as(output).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(output).contains(": ok");
  }
}
