package io.sparkem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract of model.json, checked by the tests on every model.json they write: the JSON schema
 * of this repository ({@code docs/model.schema.json}, validated by networknt's json-schema-validator)
 * and the arithmetic that ties the fields together, which a schema cannot say — k components;
 * weights a probability vector; Gaussian covariances symmetric positive definite and of the declared
 * structure; probabilities in [0, 1] (multinomial and categorical summing to 1), rates ≥ 0; HMM start
 * and transition rows summing to 1; bic = −2 LL + q ln W and aic = −2 LL + 2q; trace iterations 1..n
 * and, for plain EM, a log-likelihood that never decreases.
 *
 * <p>These are the checks of the contract's own checker ({@code shared/tools/check-model.py}); when
 * that script sits beside the repository it runs too, as a second opinion written by other hands,
 * but nothing here needs it.
 */
public final class ModelContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Schema schema;

  private ModelContract() {}

  /** The repository's copy of the contract's schema. */
  public static Path schemaFile() {
    Path local = Path.of("docs", "model.schema.json");
    if (Files.exists(local)) {
      return local;
    }
    return Path.of(System.getProperty("em.project.dir", "."), "docs", "model.schema.json");
  }

  private static synchronized Schema schema() {
    if (schema == null) {
      try (InputStream in = Files.newInputStream(schemaFile())) {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }

  /** What is wrong with the model.json at {@code dirOrFile} (a fit's output directory, or the file); empty when it holds. */
  public static List<String> problems(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("model.json") : dirOrFile;
    JsonNode m;
    try {
      m = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return List.of(file + ": unreadable: " + e.getMessage());
    }
    List<String> errs = new ArrayList<>();
    for (Error e : schema().validate(m)) {
      errs.add("schema: " + e);
    }
    ModelArithmetic.check(m, errs);
    List<String> out = new ArrayList<>();
    errs.forEach(e -> out.add(file + ": " + e));
    SharedChecker.problems(file).ifPresent(out::add);
    return out;
  }

  /** Fails with every problem of model.json text (e.g. a Spark ML model's {@code toJson()}). */
  public static void assertValidJson(String json) {
    try {
      Path file = Files.createTempFile("model", ".json");
      try {
        Files.writeString(file, json, StandardCharsets.UTF_8);
        assertValid(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with every problem of the model.json at {@code dirOrFile}. */
  public static void assertValid(Path dirOrFile) {
    List<String> errs = problems(dirOrFile);
    if (!errs.isEmpty()) {
      throw new AssertionError("model.json breaks the contract:\n  " + String.join("\n  ", errs));
    }
  }
}
