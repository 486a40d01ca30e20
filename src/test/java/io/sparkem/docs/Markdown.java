package io.sparkem.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the documentation tests read from a Markdown page: its prose lines, headings, links, tables. */
final class Markdown {

  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

  final Path path;
  /** The page's lines, with the lines of fenced code blocks (fences included) blanked. */
  final List<String> prose;
  final List<String> lines;

  Markdown(Path path) throws IOException {
    this.path = path;
    this.lines = Files.readAllLines(path);
    this.prose = new ArrayList<>();
    boolean fenced = false;
    for (String line : lines) {
      boolean fence = line.strip().startsWith("```");
      prose.add(fenced || fence ? "" : line);
      if (fence) {
        fenced = !fenced;
      }
    }
  }

  /**
   * The anchors GitHub gives the page's headings: the heading's text in lower case, every
   * character but letters, digits, spaces, '-' and '_' removed, spaces turned into '-'; a repeated
   * anchor gets "-1", "-2", ....
   */
  Set<String> anchors() {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose) {
      if (line.matches("#{1,6} .*")) {
        String slug = slug(line.replaceFirst("#{1,6} ", ""));
        int n = seen.merge(slug, 1, Integer::sum);
        anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
      }
    }
    return anchors;
  }

  static String slug(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  /** The targets of the page's links outside code blocks, as written. */
  List<String> links() {
    List<String> targets = new ArrayList<>();
    for (String line : prose) {
      Matcher m = LINK.matcher(line);
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /** The rows of the first table after {@code heading}: each row's cells, stripped (header and rule left out). */
  List<List<String>> table(String heading) {
    int at = lines.indexOf(heading);
    if (at < 0) {
      throw new AssertionError("no heading '" + heading + "' in " + path);
    }
    int i = at + 1;
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      i++;
    }
    List<List<String>> rows = new ArrayList<>();
    for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String row = lines.get(i).replace("\\|", "\u0000");
      List<String> cells = new ArrayList<>();
      for (String cell : row.substring(1, row.lastIndexOf('|')).split("\\|", -1)) {
        cells.add(cell.replace('\u0000', '|').strip());
      }
      rows.add(cells);
    }
    return rows;
  }
}
