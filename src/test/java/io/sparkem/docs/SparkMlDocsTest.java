package io.sparkem.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.spark.ml.EmHmm;
import io.sparkem.spark.ml.EmMixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

/**
 * The params docs/spark-ml.md documents are the estimators' own, with their defaults: the table of
 * {@code EmMixture}'s params against {@link EmMixture#params()} and {@code getDefault}, both ways,
 * and every {@code EmHmm} param named in its section, with the default it states.
 */
class SparkMlDocsTest {

  private static final Path PAGE = Path.of("docs/spark-ml.md");

  /** A documented default against the param's: "none" for an empty string, numbers by value. */
  private static boolean same(String documented, Object actual) {
    String doc = documented.replace("`", "").strip();
    String value = String.valueOf(actual);
    if (doc.equals("none")) {
      return value.isEmpty() || value.equals("none");
    }
    if (actual instanceof Number n) {
      return Double.parseDouble(doc) == n.doubleValue();
    }
    return doc.equals(value);
  }

  private static Map<String, Object> defaults(org.apache.spark.ml.param.Params stage) {
    Map<String, Object> defaults = new TreeMap<>();
    for (Param<?> p : stage.params()) {
      defaults.put(p.name(), stage.getDefault(p).get());
    }
    return defaults;
  }

  @Test
  void theParamsTableIsEmMixturesParamsWithTheirDefaults() throws IOException {
    Map<String, Object> actual = defaults(new EmMixture());
    Map<String, String> documented = new TreeMap<>();
    for (List<String> row : new Markdown(PAGE).table("## Params")) {
      String[] names = row.get(0).replace("`", "").split(",\\s*");
      String[] values = row.get(1).split(",\\s*");
      assertThat(values).as("one default per param in row %s", row).hasSameSizeAs(names);
      for (int i = 0; i < names.length; i++) {
        assertThat(documented.put(names[i], values[i])).as("%s documented twice", names[i]).isNull();
      }
    }
    assertThat(documented.keySet()).isEqualTo(actual.keySet());
    List<String> wrong = new ArrayList<>();
    documented.forEach((name, value) -> {
      if (!same(value, actual.get(name))) {
        wrong.add(name + ": docs " + value + ", code " + actual.get(name));
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void theEmHmmSectionNamesEveryParamAndItsDefault() throws IOException {
    String page = Files.readString(PAGE);
    String section = page.substring(page.indexOf("## Hidden Markov models: `EmHmm`"));
    List<String> wrong = new ArrayList<>();
    defaults(new EmHmm()).forEach((name, value) -> {
      Matcher m = Pattern.compile("`" + name + "`( \\(`([^`]*)`\\))?").matcher(section);
      if (!m.find()) {
        wrong.add(name + ": not named");
      } else if (m.group(2) != null && !same(m.group(2), value)) {
        wrong.add(name + ": docs " + m.group(2) + ", code " + value);
      }
    });
    assertThat(wrong).isEmpty();
  }
}
