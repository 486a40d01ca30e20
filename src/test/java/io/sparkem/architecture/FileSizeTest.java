package io.sparkem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Small files read best: a source file longer than {@value #LIMIT} lines says why in its header,
 * in a sentence starting "Longer than 300 lines:" — or it is split.
 */
class FileSizeTest {

  private static final int LIMIT = 300;

  @Test
  void everyLongFileSaysWhy() throws IOException {
    List<String> unexplained = new ArrayList<>();
    for (String root : List.of("src/main/java", "src/test/java")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(f);
          if (lines.size() > LIMIT && !String.join("\n", lines.subList(0, Math.min(60, lines.size())))
              .contains("Longer than 300 lines:")) {
            unexplained.add(f + " (" + lines.size() + " lines)");
          }
        }
      }
    }
    assertThat(unexplained).as("files over %d lines without a reason in their header", LIMIT).isEmpty();
  }
}
