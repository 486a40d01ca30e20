package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code select} by BIC finds the true number of well-separated components. */
class SelectCommandTest {

  @TempDir Path dir;

  @Test
  void picksFourComponentsOnDataFromFour() throws Exception {
    Path data = dir.resolve("data");
    assertThat(Cli.run("generate", "--output", data.toString(), "--n", "2000", "--k", "4",
        "--dimension", "2", "--seed", "21").code()).isZero();
    Path out = dir.resolve("sel");
    Cli.Run run = Cli.run("select", "--input", data.toString(), "--k-range", "1..6",
        "--covariance", "full,spherical", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode selection = new ObjectMapper().readTree(out.resolve("selection.json").toFile());
    assertThat(selection.path("candidates").size()).isEqualTo(12);
    assertThat(selection.path("best").path("k").asInt()).isEqualTo(4);
    JsonNode model = FitCommandTest.model(out);
    assertThat(model.path("k").asInt()).isEqualTo(4);
    // The chosen model has the lowest BIC of all candidates, by the contract's formula.
    double best = Double.POSITIVE_INFINITY;
    for (JsonNode c : selection.path("candidates")) {
      double bic = -2 * c.path("logLikelihood").asDouble() + c.path("parameters").asInt() * Math.log(2000);
      assertThat(c.path("bic").asDouble()).isCloseTo(bic, org.assertj.core.data.Offset.offset(1e-6));
      best = Math.min(best, bic);
    }
    assertThat(model.path("bic").asDouble()).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
    ContractCheck.assertValid(out);
    assertThat(run.lastLine()).contains("\"k\":4");
  }

  @Test
  void badRangeIsTheUsersFault() {
    Cli.Run run = Cli.run("select", "--input", "x.csv", "--k-range", "3..x", "--output",
        dir.resolve("o").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--k-range");
  }
}
