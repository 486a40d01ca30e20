package io.sparkem.fit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Data;
import io.sparkem.testing.ModelContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract checker the tests run on every model.json: it passes a hand-written valid file and
 * finds each kind of fault planted in a copy — so a green suite means the checks ran, not that
 * they could not fail. And the repository's schema is the contract's, where that sits beside it.
 */
class ModelSchemaTest {

  @TempDir Path dir;

  /** Two 1-D components, everything consistent: bic = −2·(−10) + 5·ln 4, aic = 20 + 10. */
  private static String valid(String weight0, String covariance0, String bic, String family) {
    return "{\"family\":\"" + family + "\",\"covariance\":\"full\",\"k\":2,\"dimension\":1,\"features\":[\"x\"],"
        + "\"components\":[{\"weight\":" + weight0 + ",\"mean\":[0.0],\"covariance\":[[" + covariance0 + "]]},"
        + "{\"weight\":0.75,\"mean\":[3.0],\"covariance\":[[2.0]]}],"
        + "\"logLikelihood\":-10.0,\"records\":4,\"totalWeight\":4.0,\"iterations\":2,\"converged\":true,"
        + "\"parameters\":5,\"bic\":" + bic + ",\"aic\":30.0,"
        + "\"trace\":[{\"iteration\":1,\"logLikelihood\":-12.0},{\"iteration\":2,\"logLikelihood\":-10.5}]}";
  }

  private static final String BIC = Double.toString(20 + 5 * Math.log(4));

  @Test
  void aValidModelPassesAndEachPlantedFaultIsFound() {
    assertThat(ModelContract.problems(Data.write(dir.resolve("ok.json"), valid("0.25", "1.0", BIC, "gaussian"))))
        .isEmpty();
    assertThat(ModelContract.problems(Data.write(dir.resolve("w.json"), valid("0.2", "1.0", BIC, "gaussian"))))
        .anyMatch(p -> p.contains("weights sum to"));
    assertThat(ModelContract.problems(Data.write(dir.resolve("c.json"), valid("0.25", "-1.0", BIC, "gaussian"))))
        .anyMatch(p -> p.contains("not positive definite"));
    assertThat(ModelContract.problems(Data.write(dir.resolve("b.json"), valid("0.25", "1.0", "1.0", "gaussian"))))
        .anyMatch(p -> p.contains("bic"));
    // Only the schema knows the families of the contract.
    assertThat(ModelContract.problems(Data.write(dir.resolve("f.json"), valid("0.25", "1.0", BIC, "banana"))))
        .anyMatch(p -> p.contains(": schema: "));
    String decreasing = valid("0.25", "1.0", BIC, "gaussian").replace("-10.5}", "-13.0}");
    assertThat(ModelContract.problems(Data.write(dir.resolve("t.json"), decreasing)))
        .anyMatch(p -> p.contains("decreased"));
    // The lifecycle fields: quantiles in order, the stated rank error, statistics that add up.
    String lifecycle = "\"logDensityQuantiles\":{\"0.001\":-9.0,\"0.01\":-7.0,\"0.05\":-5.0,\"0.5\":-2.0},"
        + "\"logDensityRankError\":1.0E-4,\"statistics\":{\"logLikelihood\":-10.0,\"totalWeight\":4.0,"
        + "\"records\":4,\"components\":[{\"weight\":1.0},{\"weight\":3.0}]},\"trace\"";
    String ok = valid("0.25", "1.0", BIC, "gaussian").replace("\"trace\"", lifecycle);
    assertThat(ModelContract.problems(Data.write(dir.resolve("l.json"), ok))).isEmpty();
    assertThat(ModelContract.problems(Data.write(dir.resolve("q.json"), ok.replace("-5.0", "-8.0"))))
        .anyMatch(p -> p.contains("logDensityQuantiles[0.05]"));
    assertThat(ModelContract.problems(Data.write(dir.resolve("e.json"), ok.replace("1.0E-4", "0.01"))))
        .anyMatch(p -> p.contains("logDensityRankError"));
    assertThat(ModelContract.problems(Data.write(dir.resolve("s.json"), ok.replace("{\"weight\":3.0}",
        "{\"weight\":2.0}")))).anyMatch(p -> p.contains("component weights add up to 3.0"));
  }

  /** The repository carries the contract's schema; where the contract sits beside it, they are the same. */
  @Test
  void theSchemaIsTheContracts() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(ModelContract.schemaFile().toFile()).path("title").asText())
        .isEqualTo("spark-em model.json");
    Path shared = Path.of("..", "shared", "spec", "model.schema.json");
    if (Files.exists(shared)) {
      assertThat(json.readTree(ModelContract.schemaFile().toFile())).as("docs/model.schema.json is a copy of %s;"
          + " copy it again", shared).isEqualTo(json.readTree(shared.toFile()));
    }
  }
}
