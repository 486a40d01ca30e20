package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the loop's passes run for {@code --family regression}: a fit stopped and resumed from its
 * checkpoint equals the uninterrupted one bit for bit; SQUAREM reaches plain EM's optimum (its
 * accepted trace never decreasing, which the contract check asserts on every model.json); stepwise
 * EM on half the blocks gets within 0.1% of it.
 */
class RegressionPassesCliTest {

  @TempDir Path dir;

  private Path data() {
    Path data = dir.resolve("gen");
    if (!data.toFile().exists()) {
      Cli.Run run = Cli.run("generate", "--family", "regression", "--output", data.toString(), "--n", "2000",
          "--k", "3", "--dimension", "2", "--seed", "9");
      assertThat(run.code()).as(run.err()).isZero();
    }
    return data;
  }

  private JsonNode fit(String name, String... extra) throws Exception {
    Path out = dir.resolve(name);
    String[] common = {"fit", "--family", "regression", "--label-col", "y", "--input", data().toString(), "--k", "3",
        "--tol", "1e-9", "--output", out.toString()};
    String[] args = new String[common.length + extra.length];
    System.arraycopy(common, 0, args, 0, common.length);
    System.arraycopy(extra, 0, args, common.length, extra.length);
    Cli.Run run = Cli.run(args);
    assertThat(run.code()).as(run.err()).isZero();
    return FitCommandTest.model(out);
  }

  @Test
  void checkpointsSquaremAndMiniBatch() throws Exception {
    JsonNode whole = fit("whole", "--max-iter", "8");
    Path ckpt = dir.resolve("ckpt");
    fit("first", "--max-iter", "3", "--checkpoint-dir", ckpt.toString());
    JsonNode resumed = fit("resumed", "--max-iter", "8", "--checkpoint-dir", ckpt.toString(), "--resume");
    assertThat(resumed.path("components").toString()).isEqualTo(whole.path("components").toString());
    assertThat(resumed.path("logLikelihood").asDouble()).isEqualTo(whole.path("logLikelihood").asDouble());

    JsonNode plain = fit("plain", "--max-iter", "500");
    JsonNode squarem = fit("squarem", "--max-iter", "500", "--accelerate", "squarem");
    double ll = plain.path("logLikelihood").asDouble();
    assertThat(squarem.path("logLikelihood").asDouble()).isCloseTo(ll, within(1e-6 * Math.abs(ll)));
    JsonNode mini = fit("mini", "--max-iter", "30", "--mini-batch", "0.5");
    assertThat(mini.path("logLikelihood").asDouble()).isCloseTo(ll, within(1e-3 * Math.abs(ll)));
  }
}
