package io.sparkem.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * Code shown in the documentation that a test runs as printed: the test's source holds the code
 * between {@code // DOCS:begin} and {@code // DOCS:end}, and the page shows it in a fenced block.
 */
public final class DocSnippets {

  private DocSnippets() {}

  /** The non-empty, stripped lines of the first {@code ```lang} block after {@code heading} in {@code page}. */
  public static List<String> block(Path page, String heading, String lang) throws IOException {
    String text = Files.readString(page);
    int at = text.indexOf(heading);
    assertThat(at).as("heading '%s' in %s", heading, page).isNotNegative();
    int start = text.indexOf("```" + lang + "\n", at);
    assertThat(start).as("a ```%s block after '%s' in %s", lang, heading, page).isPositive();
    int from = start + 4 + lang.length();
    return lines(text.substring(from, text.indexOf("```", from)));
  }

  /** The non-empty, stripped lines between the DOCS markers of a test source. */
  public static List<String> tested(Path source) throws IOException {
    String text = Files.readString(source);
    int begin = text.indexOf("// DOCS:begin");
    int end = text.indexOf("// DOCS:end");
    assertThat(begin).as("// DOCS:begin in %s", source).isPositive();
    return lines(text.substring(begin + "// DOCS:begin".length(), end));
  }

  /** Asserts that {@code shown} is {@code tested} itself, or a run of its consecutive lines. */
  public static void assertShows(List<String> shown, List<String> tested) {
    assertThat(shown).as("the code shown").isNotEmpty();
    assertThat(Collections.indexOfSubList(tested, shown))
        .as("the code shown must be lines of the tested code, in order:%n%s%n-- tested --%n%s",
            String.join("\n", shown), String.join("\n", tested))
        .isNotNegative();
  }

  private static List<String> lines(String code) {
    return code.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
