package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.family.gaussian.GaussianFixtures;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pass-saving options end to end: {@code --accelerate}, select sharing passes. */
class PassesCliTest {

  @TempDir Path dir;

  private Path overlappingCsv() {
    return Data.csv(dir.resolve("in/overlap.csv"), "x,y",
        List.of(GaussianFixtures.overlapping(new SplittableRandom(3), 3000, 2)));
  }

  @Test
  void squaremWritesAccelerateAndAMonotoneAcceptedTrace() throws Exception {
    Path input = overlappingCsv();
    Path plainOut = dir.resolve("plain");
    Path fastOut = dir.resolve("fast");
    Cli.Run plain = Cli.run("fit", "--input", input.toString(), "--k", "3", "--tol", "1e-7",
        "--max-iter", "500", "--output", plainOut.toString());
    Cli.Run fast = Cli.run("fit", "--input", input.toString(), "--k", "3", "--tol", "1e-7",
        "--max-iter", "500", "--accelerate", "squarem", "--output", fastOut.toString());
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(fast.code()).as(fast.err()).isZero();
    JsonNode p = FitCommandTest.model(plainOut);
    JsonNode f = FitCommandTest.model(fastOut);
    assertThat(p.path("accelerate").asText()).isEqualTo("none");
    assertThat(f.path("accelerate").asText()).isEqualTo("squarem");
    assertThat(f.path("trace").size()).isEqualTo(f.path("iterations").asInt());
    double last = Double.NEGATIVE_INFINITY;
    for (JsonNode e : f.path("trace")) {
      if (e.path("accepted").asBoolean(true)) {
        assertThat(e.path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(last);
        last = e.path("logLikelihood").asDouble();
      }
    }
    assertThat(f.path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(last);
    // The same optimum (to the tolerance) in far fewer passes: here 46 against 134.
    assertThat(f.path("logLikelihood").asDouble())
        .isCloseTo(p.path("logLikelihood").asDouble(), org.assertj.core.data.Offset.offset(1e-2));
    assertThat(f.path("iterations").asInt() * 2).isLessThan(p.path("iterations").asInt());
    ContractCheck.assertValid(plainOut);
    ContractCheck.assertValid(fastOut);
  }

  @Test
  void anUnknownAcceleratorIsTheUsersFault() {
    Cli.Run run = Cli.run("fit", "--input", overlappingCsv().toString(), "--k", "2",
        "--accelerate", "warp", "--output", dir.resolve("o").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--accelerate warp");
  }
}
