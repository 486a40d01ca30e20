package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.RegressionData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --family regression} from the command line: mixtools' regmixEM path on NOdata through CSV,
 * Spark and model.json; predict's posteriors given x and y; generate → fit recovering the truth,
 * with report.html's regression lines; select over k; user errors (no --label-col, collinear
 * covariates named) as exit 2.
 */
class RegressionCliTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli.Run ok(String... args) {
    Cli.Run run = Cli.run(args);
    assertThat(run.code()).as(run.err()).isZero();
    return run;
  }

  /**
   * θ0 of RegressionReferenceTest as a model.json, five iterations with --reg-covar 0: mixtools 2.0.0's
   * {@code regmixEM(..., maxit = 5)} values (the R script is in RegressionReferenceTest), to 1e-9.
   */
  @Test
  void fitFollowsMixtoolsOnNoDataThroughTheCommandLine() throws Exception {
    Path csv = RegressionData.noDataCsv(dir.resolve("no/NOdata.csv"));
    Path start = Data.write(dir.resolve("start.json"), "{\"family\":\"regression\",\"k\":2,\"dimension\":1,"
        + "\"features\":[\"NO\"],\"intercept\":true,\"labelCol\":\"Equivalence\",\"components\":["
        + "{\"weight\":0.4,\"coefficients\":[0.8,0.0],\"variance\":0.01},"
        + "{\"weight\":0.6,\"coefficients\":[1.0,-0.05],\"variance\":0.01}]}");
    Path out = dir.resolve("fit");
    ok("fit", "--family", "regression", "--label-col", "Equivalence", "--input", csv.toString(), "--k", "2",
        "--init", "model:" + start, "--max-iter", "5", "--tol", "0", "--reg-covar", "0", "--output", out.toString());
    JsonNode m = FitCommandTest.model(out);
    assertThat(m.path("labelCol").asText()).isEqualTo("Equivalence");
    assertThat(m.path("intercept").asBoolean()).isTrue();
    assertThat(m.path("features").toString()).isEqualTo("[\"NO\"]");
    assertThat(m.path("iterations").asInt()).isEqualTo(5);
    JsonNode c0 = m.path("components").get(0);
    JsonNode c1 = m.path("components").get(1);
    double[] actual = {c0.path("weight").asDouble(), c1.path("weight").asDouble(),
        c0.path("coefficients").get(0).asDouble(), c0.path("coefficients").get(1).asDouble(),
        c1.path("coefficients").get(0).asDouble(), c1.path("coefficients").get(1).asDouble(),
        c0.path("variance").asDouble(), c1.path("variance").asDouble(), m.path("logLikelihood").asDouble()};
    double[] mixtools = {0.46884673313794045, 0.53115326686205955, 0.55566208254328586, 0.0920586087243217,
        1.2630415086504183, -0.096348093445557517, 0.0020856366439776092, 0.00081711127642025033,
        118.47482418264889};
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(mixtools[i], within(1e-9 * Math.abs(mixtools[i])));
    }
    // parameters: (k − 1) + k·p + k = 1 + 4 + 2
    assertThat(m.path("parameters").asInt()).isEqualTo(7);
  }

  /** Posteriors of predict equal π_j N(y; x̃ᵀβ_j, σ_j²) normalised, and its logDensity log Σ_j of them, computed here from model.json. */
  @Test
  void predictGivesThePosteriorsGivenXAndY() throws Exception {
    Path csv = RegressionData.noDataCsv(dir.resolve("no/NOdata.csv"));
    Path out = dir.resolve("fit");
    ok("fit", "--family", "regression", "--label-col", "Equivalence", "--input", csv.toString(), "--k", "2",
        "--output", out.toString());
    JsonNode m = FitCommandTest.model(out);
    // mixtools' optimum (RegressionReferenceTest's N = 25 run, converged): log-likelihood 122.0384.
    assertThat(m.path("logLikelihood").asDouble()).isCloseTo(122.0383557, within(1e-4));
    Path scored = dir.resolve("scored");
    ok("predict", "--model", out.toString(), "--input", csv.toString(), "--output", scored.toString(),
        "--format", "csv");
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(scored)) {
      for (Path part : parts.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        List<String> all = Files.readAllLines(part);
        assertThat(all.get(0)).isEqualTo("NO,Equivalence,cluster,p_0,p_1,logDensity");
        lines.addAll(all.subList(1, all.size()));
      }
    }
    assertThat(lines).hasSize(RegressionData.NO_DATA.length);
    for (String line : lines) {
      String[] f = line.split(",");
      double x = Double.parseDouble(f[0]);
      double y = Double.parseDouble(f[1]);
      double p0 = RegressionData.posteriorOfFirst(m, x, y);
      assertThat(Double.parseDouble(f[3])).isCloseTo(p0, within(1e-9));
      assertThat(Integer.parseInt(f[2])).isEqualTo(p0 >= 0.5 ? 0 : 1);
      // The record's log p(y | x), not a density of x and y together.
      assertThat(Double.parseDouble(f[5])).isCloseTo(RegressionData.logDensity(m, x, y), within(1e-9));
    }
  }

  @Test
  void generatedRegimesAreRecoveredAndDrawnInTheReport() throws Exception {
    Path data = dir.resolve("gen");
    ok("generate", "--family", "regression", "--output", data.toString(), "--n", "3000", "--k", "2",
        "--dimension", "2", "--seed", "5");
    JsonNode truth = JSON.readTree(Path.of(data + ".truth.json").toFile());
    assertThat(truth.path("labelCol").asText()).isEqualTo("y");
    Path out = dir.resolve("fit");
    ok("fit", "--family", "regression", "--label-col", "y", "--input", data.toString(), "--k", "2",
        "--output", out.toString());
    JsonNode m = FitCommandTest.model(out);
    for (JsonNode t : truth.path("components")) {
      double nearest = Double.POSITIVE_INFINITY;
      for (JsonNode c : m.path("components")) {
        double worst = 0;
        for (int a = 0; a < 3; a++) {
          worst = Math.max(worst, Math.abs(c.path("coefficients").get(a).asDouble()
              - t.path("coefficients").get(a).asDouble()));
        }
        nearest = Math.min(nearest, worst);
      }
      assertThat(nearest).as("true line %s", t.path("coefficients")).isLessThan(0.1);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("Records and regression lines").contains("<th>response</th><td>y, with an intercept");
    assertThat(html.split("class=\"line\"", -1)).hasSize(3); // one line per component
    assertThat(html).contains("<td class=\"field\">β</td>").contains("(intercept)");
  }

  @Test
  void selectPrefersTheTwoRegimesOfNoData() throws Exception {
    Path csv = RegressionData.noDataCsv(dir.resolve("no/NOdata.csv"));
    Path out = dir.resolve("sel");
    ok("select", "--family", "regression", "--label-col", "Equivalence", "--input", csv.toString(),
        "--k-range", "1..3", "--output", out.toString());
    JsonNode selection = JSON.readTree(out.resolve("selection.json").toFile());
    assertThat(selection.path("candidates").size()).isEqualTo(3);
    assertThat(selection.path("best").path("k").asInt()).isEqualTo(2);
    assertThat(FitCommandTest.model(out).path("labelCol").asText()).isEqualTo("Equivalence");
  }

  @Test
  void theResponseColumnIsRequiredAndOnlyForRegression() {
    Path csv = RegressionData.noDataCsv(dir.resolve("no/NOdata.csv"));
    Cli.Run none = Cli.run("fit", "--family", "regression", "--input", csv.toString(), "--k", "2",
        "--output", dir.resolve("a").toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--label-col COLUMN").doesNotContain("\tat ");
    Cli.Run gaussian = Cli.run("fit", "--label-col", "Equivalence", "--input", csv.toString(), "--k", "2",
        "--output", dir.resolve("b").toString());
    assertThat(gaussian.code()).isEqualTo(2);
    assertThat(gaussian.err()).contains("--label-col is for --family regression only");
    Cli.Run missing = Cli.run("fit", "--family", "regression", "--label-col", "nope", "--input", csv.toString(),
        "--k", "2", "--output", dir.resolve("c").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no column 'nope' (given by --label-col)");
    assertThat(dir.resolve("a")).doesNotExist();
  }

  /** c = a + b on every record: exit 2 naming the three columns, no stack trace, no output. */
  @Test
  void collinearCovariatesAreNamed() {
    SplittableRandom rng = new SplittableRandom(3);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double a = rng.nextGaussian();
      double b = rng.nextGaussian();
      rows.add(new double[] {a, b, a + b, 2 * a + rng.nextGaussian()});
    }
    Path csv = Data.csv(dir.resolve("c/collinear.csv"), "a,b,c,y", rows);
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--family", "regression", "--label-col", "y", "--input", csv.toString(), "--k",
        "2", "--output", out.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains(csv.toString()).contains("covariates 'c' and 'a', 'b' are collinear")
        .contains("drop one of them from --features").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  /** Sums of squares of 1e200 overflow double precision: the covariate is named before the fit, never NaN. */
  @Test
  void anOverflowingCovariateIsNamedBeforeTheFit() {
    SplittableRandom rng = new SplittableRandom(4);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double a = rng.nextGaussian();
      rows.add(new double[] {a, 1e200 * rng.nextGaussian(), 2 * a + rng.nextGaussian()});
    }
    Path csv = Data.csv(dir.resolve("o/overflow.csv"), "a,huge,y", rows);
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--family", "regression", "--label-col", "y", "--input", csv.toString(), "--k",
        "2", "--output", out.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("the data overflow: column 'huge'").contains("rescale the column")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }
}
