package io.sparkem.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command examples of README.md and docs/ that are marked {@code <!-- runnable -->} (the line
 * before a ```bash block) run as printed, each block in a fresh directory: {@code submit/em ...}
 * lines through the command line's entry point in this JVM ({@link Cli}, so on the test's local
 * Spark), every other line (printf, a here-document) through bash. Every command must exit 0, print
 * an "ok" summary and leave the output it names.
 */
class RunnableDocsTest {

  private static final String MARK = "<!-- runnable -->";
  /** Options whose value is a path, resolved against the block's directory as a shell would. */
  private static final Set<String> PATHS = Set.of("--input", "--output", "--model", "--config",
      "--checkpoint-dir", "--workdir");

  @TempDir Path dir;

  /** One marked block: where it is, and its commands (continuation lines and here-documents joined). */
  record Block(String where, List<String> commands) {}

  static List<Block> blocks() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Block> blocks = new ArrayList<>();
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().equals(MARK)) {
          assertThat(lines.get(i + 1)).as("%s line %d: a ```bash block after the mark", page, i + 2).isEqualTo("```bash");
          int end = i + 2;
          while (!lines.get(end).startsWith("```")) {
            end++;
          }
          blocks.add(new Block(page + ":" + (i + 1), commands(lines.subList(i + 2, end))));
        }
      }
    }
    return blocks;
  }

  /** The shell commands of a block: continued lines and open quotes joined, a here-document kept with its command. */
  static List<String> commands(List<String> lines) {
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      StringBuilder command = new StringBuilder(lines.get(i));
      while (i + 1 < lines.size() && (command.toString().endsWith("\\") || inQuote(command))) {
        if (inQuote(command)) {
          command.append('\n').append(lines.get(++i));
        } else {
          command.setLength(command.length() - 1);
          command.append(' ').append(lines.get(++i).strip());
        }
      }
      java.util.regex.Matcher heredoc = java.util.regex.Pattern.compile("<<'?(\\w+)'?").matcher(command);
      if (heredoc.find()) {
        String end = heredoc.group(1);
        while (i + 1 < lines.size() && !lines.get(i).equals(end)) {
          command.append('\n').append(lines.get(++i));
        }
      }
      if (!command.toString().isBlank()) {
        commands.add(command.toString());
      }
    }
    return commands;
  }

  /** Whether {@code command} ends inside a quoted string (a multi-line awk program, say). */
  static boolean inQuote(CharSequence command) {
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    return quote != 0;
  }

  /** Words of a submit/em line as a shell splits them (quotes removed), its trailing comment dropped. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  @Test
  void everyRunnableExampleRunsAsPrinted() throws Exception {
    List<Block> blocks = blocks();
    assertThat(blocks).as("runnable blocks in README.md and docs/").hasSizeGreaterThanOrEqualTo(2);
    int ran = 0;
    for (int b = 0; b < blocks.size(); b++) {
      Path here = Files.createDirectory(dir.resolve("block" + b));
      for (String command : blocks.get(b).commands()) {
        String where = blocks.get(b).where() + ": " + command;
        if (command.startsWith("submit/em ")) {
          runEm(here, words(command), where);
          ran++;
        } else {
          Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).directory(here.toFile())
              .redirectErrorStream(true).start();
          assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(where).isTrue();
          assertThat(p.exitValue()).as("%s%n%s", where, new String(p.getInputStream().readAllBytes())).isZero();
        }
      }
    }
    assertThat(ran).as("submit/em commands run").isGreaterThanOrEqualTo(4);
  }

  private static void runEm(Path here, List<String> words, String where) throws IOException {
    List<String> args = new ArrayList<>(words.subList(1, words.size()));
    String output = null;
    for (int i = 0; i + 1 < args.size(); i++) {
      if (PATHS.contains(args.get(i))) {
        args.set(i + 1, here.resolve(args.get(i + 1)).toString());
        output = args.get(i).equals("--output") ? args.get(i + 1) : output;
      } else if (args.get(i).equals("--init") && args.get(i + 1).startsWith("model:")) {
        args.set(i + 1, "model:" + here.resolve(args.get(i + 1).substring(6)));
      }
    }
    long t0 = System.nanoTime();
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    System.out.printf("RunnableDocsTest: %.1f s  %s%n", (System.nanoTime() - t0) / 1e9, where);
    assertThat(run.code()).as("%s%n%s", where, run.err()).isZero();
    assertThat(new ObjectMapper().readTree(run.lastLine()).path("status").asText()).as(where).isEqualTo("ok");
    if (output != null) {
      assertThat(Path.of(output)).as(where).exists();
      if (Set.of("fit", "select", "update").contains(args.get(0))) {
        assertThat(Path.of(output, "model.json")).as(where).isRegularFile();
      }
    }
  }
}
