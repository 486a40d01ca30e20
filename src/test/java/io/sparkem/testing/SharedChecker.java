package io.sparkem.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The contract's own checker, {@code shared/tools/check-model.py}, when it sits beside the
 * repository (as in this project's CI): a second opinion on model.json by code that is not ours.
 * Optional — a clone on its own has no {@code ../shared}, and then only {@link ModelContract}'s
 * checks run. Also skipped without python3.
 */
final class SharedChecker {

  private SharedChecker() {}

  private static Path script() {
    Path beside = Path.of(System.getProperty("em.project.dir", "."), "..", "shared", "tools", "check-model.py")
        .toAbsolutePath().normalize();
    return Files.exists(beside) ? beside : null;
  }

  /** The checker's complaint about {@code file}, if it is there and complains. */
  static Optional<String> problems(Path file) {
    Path script = script();
    if (script == null) {
      return Optional.empty();
    }
    try {
      Process p = new ProcessBuilder("python3", script.toString(), file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of("check-model.py did not finish in 60 s");
      }
      return p.exitValue() == 0 ? Optional.empty() : Optional.of("check-model.py: " + out.strip());
    } catch (IOException e) {
      return Optional.empty(); // no python3 here: the Java checks stand alone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while check-model.py ran");
    }
  }
}
