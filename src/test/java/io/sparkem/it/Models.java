package io.sparkem.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** model.json comparisons and the contract's own checker for the integration tests. */
final class Models {

  private Models() {}

  static JsonNode read(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("model.json").toFile());
  }

  /** Every number of the components and the log-likelihood agree to {@code rel} relative. */
  static void assertSameNumbers(JsonNode actual, JsonNode expected, double rel) {
    assertThat(actual.path("iterations")).isEqualTo(expected.path("iterations"));
    assertClose(actual.path("logLikelihood"), expected.path("logLikelihood"), rel, "logLikelihood");
    assertClose(actual.path("components"), expected.path("components"), rel, "components");
  }

  private static void assertClose(JsonNode a, JsonNode e, double rel, String where) {
    if (e.isNumber()) {
      double x = a.asDouble();
      double y = e.asDouble();
      assertThat(Math.abs(x - y)).as(where + ": " + x + " vs " + y)
          .isLessThanOrEqualTo(rel * Math.max(1e-12, Math.max(Math.abs(x), Math.abs(y))));
      return;
    }
    assertThat(a.size()).as(where).isEqualTo(e.size());
    if (e.isArray()) {
      for (int i = 0; i < e.size(); i++) {
        assertClose(a.get(i), e.get(i), rel, where + "[" + i + "]");
      }
    } else if (e.isObject()) {
      e.fieldNames().forEachRemaining(f -> assertClose(a.path(f), e.path(f), rel, where + "." + f));
    }
  }

  /** shared/tools/check-model.py, the contract's checker, accepts the output. */
  static void assertContractValid(Path dir) throws Exception {
    Path checker = Path.of("..", "shared", "tools", "check-model.py");
    if (!Files.exists(checker)) {
      checker = Path.of("/work/shared/tools/check-model.py");
    }
    Process p = new ProcessBuilder("python3", checker.toAbsolutePath().toString(), dir.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
