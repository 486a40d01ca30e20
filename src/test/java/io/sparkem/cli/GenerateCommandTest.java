package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} writes data fit can read as it is, and the truth; fit recovers the truth. */
class GenerateCommandTest {

  @TempDir Path dir;

  @Test
  void fitRecoversTheGeneratedTruth() throws Exception {
    Path data = dir.resolve("data");
    Cli.Run gen = Cli.run("generate", "--output", data.toString(), "--n", "3000", "--k", "3",
        "--dimension", "3", "--seed", "9");
    assertThat(gen.code()).as(gen.err()).isZero();
    JsonNode truth = new ObjectMapper().readTree(dir.resolve("data.truth.json").toFile());
    ContractCheck.assertValid(dir.resolve("data.truth.json"));

    Path out = dir.resolve("fit");
    Cli.Run fit = Cli.run("fit", "--input", data.toString(), "--k", "3", "--output", out.toString());
    assertThat(fit.code()).as(fit.err()).isZero();
    JsonNode model = FitCommandTest.model(out);
    assertThat(model.path("features").toString()).isEqualTo("[\"x1\",\"x2\",\"x3\"]");
    assertThat(model.path("records").asLong()).isEqualTo(3000);
    // The fit is at least as likely as the truth on the same records (it is the MLE).
    assertThat(model.path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(truth.path("logLikelihood").asDouble());
    // Every true mean has a fitted mean within 0.25 (components are >= 10 apart, n_j ~ 1000, Σ ~ 1).
    List<double[]> fitted = means(model);
    for (double[] t : means(truth)) {
      double best = fitted.stream().mapToDouble(f -> distance(f, t)).min().orElseThrow();
      assertThat(best).isLessThan(0.25);
    }
  }

  @Test
  void sameSeedSameData() throws Exception {
    Cli.run("generate", "--output", dir.resolve("a").toString(), "--n", "500", "--k", "2", "--dimension", "2", "--seed", "3");
    Cli.run("generate", "--output", dir.resolve("b").toString(), "--n", "500", "--k", "2", "--dimension", "2", "--seed", "3");
    var spark = io.sparkem.testing.SparkTest.spark();
    var a = spark.read().option("header", "true").csv(dir.resolve("a").toString()).collectAsList();
    var b = spark.read().option("header", "true").csv(dir.resolve("b").toString()).collectAsList();
    assertThat(a).hasSize(500).isEqualTo(b);
  }

  private static List<double[]> means(JsonNode m) {
    List<double[]> out = new ArrayList<>();
    for (JsonNode c : m.path("components")) {
      double[] mu = new double[c.path("mean").size()];
      for (int a = 0; a < mu.length; a++) {
        mu[a] = c.path("mean").get(a).asDouble();
      }
      out.add(mu);
    }
    return out;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
