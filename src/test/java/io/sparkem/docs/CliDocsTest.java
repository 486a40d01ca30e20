package io.sparkem.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line reference cannot drift from the code: docs/cli.md's options table is compared
 * with picocli's own model of every command ({@link Main#commandLine()}), in both directions;
 * every {@code --help} ends with a pointer to pages that exist; every relative link of README.md
 * and docs/ reaches an existing file and heading.
 */
class CliDocsTest {

  private static final Path CLI = Path.of("docs/cli.md");
  private static final Pattern DEFAULT = Pattern.compile("default (-?[0-9][0-9.e+-]*)");

  /** Every command of the command line, the root first, by name. */
  private static Map<String, CommandSpec> commands() {
    CommandLine root = Main.commandLine();
    Map<String, CommandSpec> all = new TreeMap<>();
    all.put("em", root.getCommandSpec());
    root.getSubcommands().forEach((name, sub) -> all.put(name, sub.getCommandSpec()));
    return all;
  }

  /** "command --option" for every row of the options table. */
  private static Map<String, List<String>> documented() throws IOException {
    Map<String, List<String>> pairs = new TreeMap<>();
    for (List<String> row : new Markdown(CLI).table("## Options")) {
      assertThat(row).as("a row of three cells: %s", row).hasSize(3);
      String option = Stream.of(row.get(0).split(",")).map(s -> s.strip().replace("`", "").split(" ")[0])
          .filter(s -> s.startsWith("--")).findFirst().orElseThrow(() -> new AssertionError("no --option in " + row));
      List<String> names = row.get(1).equals("all") ? new ArrayList<>(commands().keySet())
          : Stream.of(row.get(1).split(",")).map(String::strip).toList();
      for (String command : names) {
        assertThat(commands()).as("command '%s' of row %s", command, row).containsKey(command);
        pairs.computeIfAbsent(command + " " + option, k -> new ArrayList<>()).add(row.get(2));
      }
    }
    return pairs;
  }

  @Test
  void theOptionsTableListsEveryOptionOfEveryCommandOnce() throws IOException {
    TreeSet<String> inCode = new TreeSet<>();
    commands().forEach((name, spec) -> spec.options().forEach(o -> inCode.add(name + " " + o.longestName())));
    Map<String, List<String>> inDocs = documented();
    assertThat(inDocs.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey))
        .as("options documented twice for the same command").isEmpty();
    assertThat(new TreeSet<>(inDocs.keySet())).as("docs/cli.md's options (command --option)").isEqualTo(inCode);
  }

  @Test
  void theTableStatesTheCodesDefaultsAndChoices() throws IOException {
    Map<String, List<String>> inDocs = documented();
    List<String> wrong = new ArrayList<>();
    commands().forEach((name, spec) -> {
      for (OptionSpec option : spec.options()) {
        String meaning = inDocs.getOrDefault(name + " " + option.longestName(), List.of("")).get(0);
        Matcher m = DEFAULT.matcher(meaning);
        if (m.find() && (option.defaultValue() == null || !option.defaultValue().matches("-?[0-9][0-9.e+-]*")
            || Double.parseDouble(m.group(1)) != Double.parseDouble(option.defaultValue()))) {
          wrong.add(name + " " + option.longestName() + ": docs say default " + m.group(1) + ", the code "
              + option.defaultValue());
        }
        Class<?> type = option.isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
        if (type.isEnum()) {
          for (Object choice : type.getEnumConstants()) {
            if (!meaning.contains("`" + choice + "`")) {
              wrong.add(name + " " + option.longestName() + ": choice `" + choice + "` not documented");
            }
          }
        }
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void theCommandsTableListsEveryCommand() throws IOException {
    TreeSet<String> documented = new TreeSet<>();
    for (List<String> row : new Markdown(CLI).table("# The command line")) {
      documented.add(row.get(0).replace("`", ""));
    }
    TreeSet<String> inCode = new TreeSet<>(commands().keySet());
    inCode.remove("em");
    assertThat(documented).isEqualTo(inCode);
  }

  @Test
  void everyHelpEndsWithItsDocumentationPage() throws IOException {
    Pattern page = Pattern.compile("(README\\.md|docs/[\\w.-]+\\.md)(#[\\w-]+)?");
    for (Map.Entry<String, CommandSpec> command : commands().entrySet()) {
      String help = new CommandLine(command.getValue()).getUsageMessage();
      assertThat(help).as("--help of %s", command.getKey()).contains("Documentation: ");
      String footer = help.substring(help.lastIndexOf("Documentation: "));
      assertThat(footer.lines()).as("footer lines of %s fit 80 columns", command.getKey())
          .allMatch(l -> l.length() <= 80);
      Matcher m = page.matcher(footer);
      int found = 0;
      while (m.find()) {
        assertResolves(Path.of(""), m.group(), "--help of " + command.getKey());
        found++;
      }
      assertThat(found).as("pages named in the --help of %s", command.getKey()).isPositive();
    }
  }

  @Test
  void everyRelativeLinkReachesAFileAndHeading() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    int links = 0;
    for (Path page : pages) {
      for (String target : new Markdown(page).links()) {
        if (!target.matches("[a-z]+:.*")) {
          assertResolves(page.toAbsolutePath().getParent(), target, page.toString());
          links++;
        }
      }
    }
    assertThat(links).isGreaterThan(50);
  }

  /** README stays a five-minute read, and its table of pages reaches every page of docs/. */
  @Test
  void theReadmeIsShortAndLinksEveryPage() throws IOException {
    assertThat(Files.readAllLines(Path.of("README.md"))).as("README.md's lines").hasSizeLessThanOrEqualTo(200);
    TreeSet<String> linked = new TreeSet<>();
    for (List<String> row : new Markdown(Path.of("README.md")).table("## Documentation")) {
      Matcher m = Pattern.compile("\\]\\((docs/[^)#]+)").matcher(row.get(0));
      assertThat(m.find()).as("a link to a page in %s", row).isTrue();
      linked.add(m.group(1));
    }
    TreeSet<String> pages = new TreeSet<>();
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(p -> pages.add("docs/" + p.getFileName()));
    }
    assertThat(linked).isEqualTo(pages);
  }

  /**
   * README's headline row is the n = 1e6, d = 10, k = 5 row of docs/performance.md's MLlib table
   * (submit/bench --readme writes both from one run): the same seconds and ratio.
   */
  @Test
  void theHeadlineIsThePerformancePagesRow() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String headline = readme.substring(readme.indexOf("<!-- bench:headline -->"), readme.indexOf("<!-- /bench:headline -->"));
    List<String> row = headline.lines().filter(l -> l.startsWith("| n=1e6 d=10 k=5")).findFirst()
        .map(l -> List.of(l.split("\\|"))).orElseThrow(() -> new AssertionError("no n=1e6 row in README's headline"));
    String page = Files.readString(Path.of("docs/performance.md"));
    String mllib = page.substring(page.indexOf("<!-- bench:mllib -->"), page.indexOf("<!-- /bench:mllib -->"));
    List<String> measured = mllib.lines().filter(l -> l.startsWith("| n=1e+06 d=10 k=5")).findFirst()
        .map(l -> List.of(l.split("\\|"))).orElseThrow(() -> new AssertionError("no n=1e+06 row in performance.md"));
    assertThat(List.of(row.get(2).strip(), row.get(3).strip(), row.get(4).strip()))
        .as("README's headline (spark-em s/iter, MLlib s/iter, ratio) against docs/performance.md's n=1e+06 row: "
            + "`submit/bench --readme mllib` rewrites both; commit README.md with docs/performance.md")
        .isEqualTo(List.of(measured.get(3).strip(), measured.get(4).strip(), measured.get(5).strip()));
  }

  /** README's thin-jar line for a cluster is the one docs/cluster.md shows, character for character. */
  @Test
  void theReadmesClusterLineIsTheClusterPages() throws IOException {
    List<String> readme = Files.readString(Path.of("README.md")).lines()
        .dropWhile(l -> !l.equals("## On a cluster")).dropWhile(l -> !l.equals("```bash")).skip(1)
        .takeWhile(l -> !l.startsWith("```")).toList();
    assertThat(readme).as("the ```bash block under README's '## On a cluster'").hasSizeGreaterThan(1);
    assertThat(Files.readString(Path.of("docs/cluster.md"))).contains(String.join("\n", readme));
  }

  /**
   * {@code target} ("page.md#anchor", "#anchor", "page.md") from a page in {@code dir} names an
   * existing file and, for a Markdown file, one of its headings.
   */
  private static void assertResolves(Path dir, String target, String from) throws IOException {
    String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
    String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
    Path resolved = file.isEmpty() ? Path.of(from).toAbsolutePath() : dir.resolve(file).normalize();
    assertThat(resolved).as("link %s in %s", target, from).exists();
    if (anchor != null) {
      assertThat(new Markdown(resolved).anchors()).as("anchor of link %s in %s", target, from).contains(anchor);
    }
  }
}
