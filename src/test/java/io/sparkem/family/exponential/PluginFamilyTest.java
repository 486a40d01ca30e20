package io.sparkem.family.exponential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.registry.Families;
import io.sparkem.spark.ml.EmMixture;
import io.sparkem.spark.ml.EmMixtureModel;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a family is its own package plus one registry entry: a family that exists only in the
 * tests ({@link ExponentialFamily}) is registered, and then the command line and the Spark ML
 * estimator fit it with no other change — its name in {@code --help}, its declaration obeyed, its
 * one-component fit the closed-form MLE, and the estimator's θ the command line's.
 */
class PluginFamilyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path csv;
  private static double sum;
  private static final int N = 2000;

  @BeforeAll
  static void register() {
    Families.register(ExponentialFamily.ENTRY);
    // Two exponentials, rates 1 and 10, weights 0.4 and 0.6.
    SplittableRandom rng = new SplittableRandom(17);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      double rate = rng.nextDouble() < 0.4 ? 1 : 10;
      double x = -Math.log(1 - rng.nextDouble()) / rate;
      rows.add(new double[] {x});
      sum += x;
    }
    csv = Data.csv(dir.resolve("waits.csv"), "wait", rows);
  }

  @AfterAll
  static void unregister() {
    Families.unregister("exponential");
  }

  /** k = 1: the MLE is λ = n / Σx, and LL = n log λ − λ Σx (closed form). */
  @Test
  void oneComponentIsTheClosedFormMle() throws Exception {
    Path out = dir.resolve("k1");
    Cli.Run run = Cli.runOutsideContract("fit", "--family", "exponential", "--input", csv.toString(), "--k", "1",
        "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode m = JSON.readTree(out.resolve("model.json").toFile());
    double rate = N / sum;
    assertThat(m.path("family").asText()).isEqualTo("exponential");
    assertThat(m.path("components").get(0).path("rate").get(0).asDouble()).isCloseTo(rate, within(1e-12 * rate));
    double ll = N * Math.log(rate) - rate * sum;
    assertThat(m.path("logLikelihood").asDouble()).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
    assertThat(m.path("parameters").asInt()).isEqualTo(1);
  }

  /** k = 2 through the estimator equals the command line's fit, and finds the two rates. */
  @Test
  void theEstimatorFitsWhatTheCommandLineFits() throws Exception {
    Path out = dir.resolve("k2");
    Cli.Run run = Cli.runOutsideContract("fit", "--family", "exponential", "--input", csv.toString(), "--k", "2",
        "--seed", "3", "--max-iter", "40", "--tol", "1e-5", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode cli = JSON.readTree(out.resolve("model.json").toFile());

    Dataset<Row> frame = new VectorAssembler().setInputCols(new String[] {"wait"}).setOutputCol("features")
        .transform(SparkTest.spark().read().option("header", "true").option("inferSchema", "true").csv(csv.toString()));
    EmMixtureModel model = new EmMixture().setFamily("exponential").setK(2).setSeed(3).setMaxIter(40).setTol(1e-5)
        .fit(frame);
    JsonNode ml = JSON.readTree(model.toJson());

    assertThat(ml.path("iterations").asInt()).isEqualTo(cli.path("iterations").asInt()).isPositive();
    double ll = cli.path("logLikelihood").asDouble();
    assertThat(ml.path("logLikelihood").asDouble()).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
    double[] rates = new double[2];
    for (int j = 0; j < 2; j++) {
      rates[j] = cli.path("components").get(j).path("rate").get(0).asDouble();
      assertThat(ml.path("components").get(j).path("rate").get(0).asDouble())
          .isCloseTo(rates[j], within(1e-9 * rates[j]));
    }
    java.util.Arrays.sort(rates);
    assertThat(rates[0]).isCloseTo(1, within(0.2));
    assertThat(rates[1]).isCloseTo(10, within(2.0));
    // EM never lowers the log-likelihood, for a family it has never seen either.
    JsonNode trace = cli.path("trace");
    for (int i = 1; i < trace.size(); i++) {
      assertThat(trace.get(i).path("logLikelihood").asDouble())
          .isGreaterThanOrEqualTo(trace.get(i - 1).path("logLikelihood").asDouble() - 1e-9 * Math.abs(ll));
    }
    // transform scores with the family's E-step.
    assertThat(model.transform(frame).select("prediction").distinct().count()).isEqualTo(2);
  }

  /** Help lists it from the registry; what it does not declare is refused in its own words. */
  @Test
  void itsDeclarationIsRead() {
    Cli.Run help = Cli.runOutsideContract("fit", "--help");
    assertThat(help.out() + help.err()).contains("exponential");
    Cli.Run missing = Cli.runOutsideContract("fit", "--family", "exponential", "--input", csv.toString(), "--k", "2",
        "--missing", "marginalize", "--output", dir.resolve("no").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--missing marginalize is for --family gaussian only");
    Cli.Run trials = Cli.runOutsideContract("fit", "--family", "exponential", "--input", csv.toString(), "--k", "2",
        "--trials", "3", "--output", dir.resolve("no").toString());
    assertThat(trials.code()).isEqualTo(2);
    assertThat(trials.err()).contains("--trials and --trials-col are for --family binomial only");
  }
}
