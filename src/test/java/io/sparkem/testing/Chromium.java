package io.sparkem.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for tests: Debian's {@code chromium} (or {@code chromium-browser}) found on
 * PATH, run with a fresh profile and the flags that keep it off the network, killed — with every
 * process it started — when done or after {@link #TIMEOUT_SECONDS}.
 */
public final class Chromium {

  public static final long TIMEOUT_SECONDS = 60;

  private final Path binary;
  private final Path work;

  private Chromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** The browser on PATH, if any; {@code work} gets the profiles and logs. */
  public static Optional<Chromium> find(Path work) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(new Chromium(candidate, work));
        }
      }
    }
    return Optional.empty();
  }

  public Path binary() {
    return binary;
  }

  /** The DOM after the page's scripts ran ({@code --dump-dom}). */
  public String dumpDom(Path page) throws IOException, InterruptedException {
    Path out = run("dump", List.of("--dump-dom", page.toUri().toString()));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** A PNG screenshot of {@code width × height} pixels ({@code --screenshot}). */
  public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    run("shot", List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars", page.toUri().toString()));
  }

  /** Runs the browser once with a fresh profile; returns the file holding its stdout. */
  private Path run(String tag, List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "profile-" + tag);
    Path stdout = work.resolve(tag + "-" + System.nanoTime() + ".out");
    Path stderr = work.resolve(tag + "-" + System.nanoTime() + ".err");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    List<ProcessHandle> started = new ArrayList<>();
    try {
      boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        p.descendants().forEach(started::add);
        throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command
            + "\n" + tail(stderr));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + command + "\n" + tail(stderr));
      }
      return stdout;
    } finally {
      // Kill only what this run started: the launcher script and its children.
      p.descendants().forEach(started::add);
      started.forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
