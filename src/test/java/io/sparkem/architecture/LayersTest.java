package io.sparkem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules, read from the sources so that they cannot regress: layers only look down
 * (front ends → fit service → Spark data → registry → families → init/core → math), the two front
 * ends do not use each other, and no two packages depend on each other, directly or through others.
 * A reference is an import or a fully qualified name in code (comments and strings are not code).
 */
class LayersTest {

  /**
   * Each package's layer: a package may use packages of its own layer or below, never above. Every
   * family package, {@code io.sparkem.family.NAME}, is layer 3 without being listed: adding a
   * family adds no line here.
   */
  private static final Map<String, Integer> LAYER = new LinkedHashMap<>();

  static {
    LAYER.put("io.sparkem.math", 0);
    LAYER.put("io.sparkem.core", 1);
    LAYER.put("io.sparkem.init", 2);
    LAYER.put("io.sparkem.family", 2);
    LAYER.put("io.sparkem.report", 2);
    LAYER.put("io.sparkem.registry", 4);
    LAYER.put("io.sparkem.spark", 5);
    LAYER.put("io.sparkem.fit", 6);
    LAYER.put("io.sparkem.cli", 7);
    LAYER.put("io.sparkem.spark.ml", 7);
  }

  private static Integer layer(String pkg) {
    return pkg.startsWith("io.sparkem.family.") ? Integer.valueOf(3) : LAYER.get(pkg);
  }

  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.sparkem(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

  /** package → the packages its code refers to. */
  private static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = code(Files.readString(f));
        Matcher pkg = PACKAGE.matcher(code);
        assertThat(pkg.find()).as("package declaration of %s", f).isTrue();
        String from = pkg.group(1);
        Set<String> to = uses.computeIfAbsent(from, p -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(code.substring(pkg.end()));
        while (ref.find()) {
          if (!ref.group(1).equals(from)) {
            to.add(ref.group(1));
          }
        }
      }
    }
    return uses;
  }

  /** The source without comments and string and character literals. */
  static String code(String source) {
    return source.replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
        .replaceAll("'(?:\\\\.|[^'\\\\\\n])'", "' '")
        .replaceAll("(?s)/\\*.*?\\*/", " ")
        .replaceAll("//[^\\n]*", " ");
  }

  @Test
  void everyPackageHasALayerAndLooksOnlyDown() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : graph().entrySet()) {
      Integer from = layer(e.getKey());
      if (from == null) {
        violations.add(e.getKey() + " has no layer: give it one in LayersTest");
        continue;
      }
      for (String target : e.getValue()) {
        Integer to = layer(target);
        if (to == null || to > from) {
          violations.add(e.getKey() + " (layer " + from + ") -> " + target + " (layer " + to + ")");
        }
      }
    }
    assertThat(violations).as("references up a layer").isEmpty();
  }

  @Test
  void theFrontEndsDoNotUseEachOther() throws IOException {
    Map<String, Set<String>> g = graph();
    assertThat(g.get("io.sparkem.cli")).doesNotContain("io.sparkem.spark.ml");
    assertThat(g.get("io.sparkem.spark.ml")).doesNotContain("io.sparkem.cli");
  }

  @Test
  void noPackageCycle() throws IOException {
    Map<String, Set<String>> g = graph();
    List<String> cycles = new ArrayList<>();
    for (String start : g.keySet()) {
      List<String> path = new ArrayList<>();
      path.add(start);
      findCycle(g, start, start, path, new TreeSet<>(), cycles);
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  private static void findCycle(Map<String, Set<String>> g, String start, String at, List<String> path,
      Set<String> seen, List<String> cycles) {
    for (String next : g.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      } else if (seen.add(next)) {
        path.add(next);
        findCycle(g, start, next, path, seen, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The checker itself: it sees a reference in code and ignores one in a comment or a string. */
  @Test
  void referencesAreReadFromCodeOnly() {
    String src = "package a;\nimport io.sparkem.core.Model; // io.sparkem.cli.Main\n"
        + "/** {@link io.sparkem.fit.FitService} */ class X { String s = \"io.sparkem.spark.Y\"; }";
    Matcher m = REFERENCE.matcher(code(src));
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    assertThat(found).containsExactly("io.sparkem.core");
  }
}
