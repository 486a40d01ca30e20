package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict}'s {@code logDensity} = log Σ_j π_j f_j(x), against densities written out here by
 * their textbook formulas for hand-written models of every family (normalising constants included:
 * log x!, binomial and multinomial coefficients); a record with a missing cell under {@code
 * --missing marginalize} gets the density of its observed coordinates alone (the marginal of a
 * Gaussian is the Gaussian of the sub-vector and sub-matrix), in its posteriors too; k-means has
 * no such column; and Σ w·logDensity over the training records is model.json's logLikelihood.
 */
class LogDensityCliTest {

  @TempDir Path dir;

  /** The rows of predict's CSV output for {@code csv} under the model.json text {@code model}, in input order. */
  private List<Row> predict(String model, String csv, String... extra) {
    String name = "case" + Math.abs((model + csv).hashCode());
    Path dirOfModel = dir.resolve(name);
    Data.write(dirOfModel.resolve("model.json"), model);
    Path in = Data.write(dir.resolve(name + ".csv"), csv);
    Path out = dir.resolve(name + "-out");
    List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", dirOfModel.toString(), "--input",
        in.toString(), "--output", out.toString(), "--format", "csv"));
    args.addAll(List.of(extra));
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return SparkTest.spark().read().option("header", "true").csv(out.toString()).collectAsList();
  }

  private static double col(Row r, String name) {
    return Double.parseDouble(r.getString(r.fieldIndex(name)));
  }

  /** log N(x; μ, Σ) in two dimensions: −log 2π − ½ log det Σ − ½ qᵀΣ⁻¹q. */
  private static double gauss2(double x, double y, double mx, double my, double sxx, double sxy, double syy) {
    double det = sxx * syy - sxy * sxy;
    double a = x - mx;
    double b = y - my;
    double q = (a * a * syy - 2 * a * b * sxy + b * b * sxx) / det;
    return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
  }

  private static double logSum(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  private static double logFactorial(int n) {
    double s = 0;
    for (int i = 2; i <= n; i++) {
      s += Math.log(i);
    }
    return s;
  }

  @Test
  void gaussianFullAndItsMarginalWhereACellIsMissing() {
    String model = "{\"family\":\"gaussian\",\"covariance\":\"full\",\"k\":2,\"dimension\":3,"
        + "\"features\":[\"x\",\"y\",\"z\"],\"components\":["
        + "{\"weight\":0.3,\"mean\":[0,0,1],\"covariance\":[[1,0.5,0.2],[0.5,2,0.1],[0.2,0.1,1.5]]},"
        + "{\"weight\":0.7,\"mean\":[3,1,-1],\"covariance\":[[2,-0.3,0],[-0.3,1,0.4],[0,0.4,3]]}]}";
    List<Row> rows = predict(model, "x,y,z\n1.5,0.5,\n-0.5,2,\n", "--missing", "marginalize");
    double[][] xy = {{1.5, 0.5}, {-0.5, 2}};
    for (int i = 0; i < 2; i++) {
      // The marginal of (x, y): the sub-vector of each mean and the upper-left 2 × 2 block of each Σ.
      double l0 = Math.log(0.3) + gauss2(xy[i][0], xy[i][1], 0, 0, 1, 0.5, 2);
      double l1 = Math.log(0.7) + gauss2(xy[i][0], xy[i][1], 3, 1, 2, -0.3, 1);
      double lse = logSum(l0, l1);
      assertThat(col(rows.get(i), "logDensity")).isCloseTo(lse, within(1e-12));
      assertThat(col(rows.get(i), "p_1")).isCloseTo(Math.exp(l1 - lse), within(1e-12));
      assertThat(Integer.parseInt(rows.get(i).getString(rows.get(i).fieldIndex("cluster"))))
          .isEqualTo(l1 > l0 ? 1 : 0);
    }
    // Without the flag a missing cell is bad input.
    Path in = Data.write(dir.resolve("missing.csv"), "x,y,z\n1.5,0.5,\n");
    Path saved = Data.write(dir.resolve("saved/model.json"), model);
    Cli.Run refused = Cli.run("predict", "--model", saved.toString(), "--input", in.toString(), "--output",
        dir.resolve("refused").toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("missing.csv").contains("'z'");
  }

  @Test
  void gaussianDiagonal() {
    String model = "{\"family\":\"gaussian\",\"covariance\":\"diag\",\"k\":2,\"dimension\":2,"
        + "\"features\":[\"x\",\"y\"],\"components\":["
        + "{\"weight\":0.5,\"mean\":[0,0],\"covariance\":[[1,0],[0,4]]},"
        + "{\"weight\":0.5,\"mean\":[2,2],\"covariance\":[[0.25,0],[0,1]]}]}";
    Row r = predict(model, "x,y\n1,3\n").get(0);
    double expected = logSum(Math.log(0.5) + gauss2(1, 3, 0, 0, 1, 0, 4), Math.log(0.5) + gauss2(1, 3, 2, 2, 0.25, 0, 1));
    assertThat(col(r, "logDensity")).isCloseTo(expected, within(1e-12));
  }

  @Test
  void bernoulliBinomialPoissonAndMultinomial() {
    // Bernoulli: Σ_a x_a log p_a + (1 − x_a) log(1 − p_a).
    Row b = predict("{\"family\":\"bernoulli\",\"k\":2,\"dimension\":3,\"features\":[\"a\",\"b\",\"c\"],"
        + "\"components\":[{\"weight\":0.6,\"p\":[0.9,0.2,0.5]},{\"weight\":0.4,\"p\":[0.1,0.7,0.3]}]}",
        "a,b,c\n1,0,1\n").get(0);
    double b0 = Math.log(0.6) + Math.log(0.9) + Math.log(0.8) + Math.log(0.5);
    double b1 = Math.log(0.4) + Math.log(0.1) + Math.log(0.3) + Math.log(0.3);
    assertThat(col(b, "logDensity")).isCloseTo(logSum(b0, b1), within(1e-12));

    // Binomial, 10 trials: log C(10, 7) + 7 log p + 3 log(1 − p).
    Row n = predict("{\"family\":\"binomial\",\"k\":2,\"dimension\":1,\"features\":[\"heads\"],\"trials\":10,"
        + "\"components\":[{\"weight\":0.5,\"p\":0.6},{\"weight\":0.5,\"p\":0.5}]}", "heads\n7\n").get(0);
    double c = logFactorial(10) - logFactorial(7) - logFactorial(3);
    assertThat(col(n, "logDensity")).isCloseTo(logSum(Math.log(0.5) + c + 7 * Math.log(0.6) + 3 * Math.log(0.4),
        Math.log(0.5) + c + 10 * Math.log(0.5)), within(1e-12));

    // Poisson: Σ_a x_a log λ_a − λ_a − log x_a!.
    Row p = predict("{\"family\":\"poisson\",\"k\":2,\"dimension\":2,\"features\":[\"u\",\"v\"],"
        + "\"components\":[{\"weight\":0.25,\"lambda\":[1.5,4]},{\"weight\":0.75,\"lambda\":[6,0.5]}]}",
        "u,v\n3,2\n").get(0);
    double p0 = Math.log(0.25) + 3 * Math.log(1.5) - 1.5 - logFactorial(3) + 2 * Math.log(4) - 4 - logFactorial(2);
    double p1 = Math.log(0.75) + 3 * Math.log(6) - 6 - logFactorial(3) + 2 * Math.log(0.5) - 0.5 - logFactorial(2);
    assertThat(col(p, "logDensity")).isCloseTo(logSum(p0, p1), within(1e-12));

    // Multinomial: log(N! / Π x_a!) + Σ x_a log p_a with N = Σ x_a.
    Row m = predict("{\"family\":\"multinomial\",\"k\":2,\"dimension\":3,\"features\":[\"w1\",\"w2\",\"w3\"],"
        + "\"components\":[{\"weight\":0.5,\"p\":[0.2,0.3,0.5]},{\"weight\":0.5,\"p\":[0.6,0.3,0.1]}]}",
        "w1,w2,w3\n2,0,3\n").get(0);
    double coefficient = logFactorial(5) - logFactorial(2) - logFactorial(3);
    assertThat(col(m, "logDensity")).isCloseTo(logSum(
        Math.log(0.5) + coefficient + 2 * Math.log(0.2) + 3 * Math.log(0.5),
        Math.log(0.5) + coefficient + 2 * Math.log(0.6) + 3 * Math.log(0.1)), within(1e-12));
  }

  @Test
  void kMeansHasNoDensityColumn() {
    List<Row> rows = predict("{\"family\":\"kmeans\",\"k\":2,\"dimension\":1,\"features\":[\"x\"],"
        + "\"components\":[{\"mean\":[0]},{\"mean\":[5]}]}", "x\n1\n4\n");
    assertThat(rows.get(0).schema().fieldNames()).containsExactly("x", "cluster", "p_0", "p_1");
  }

  /** Σ_i w_i · logDensity_i over the training records = model.json's logLikelihood, weights included. */
  @Test
  void theTrainingRecordsLogDensitiesAddUpToTheLogLikelihood() throws Exception {
    StringBuilder csv = new StringBuilder("x,y,w\n");
    List<double[]> blobs = Data.twoBlobs(600, 4);
    for (int i = 0; i < blobs.size(); i++) {
      csv.append(blobs.get(i)[0]).append(',').append(blobs.get(i)[1]).append(',').append(1 + i % 3).append('\n');
    }
    Path in = Data.write(dir.resolve("train.csv"), csv.toString());
    Path model = dir.resolve("fit");
    Cli.Run fit = Cli.run("fit", "--input", in.toString(), "--k", "2", "--weight-col", "w", "--output",
        model.toString());
    assertThat(fit.code()).as(fit.err()).isZero();
    Path out = dir.resolve("scored");
    assertThat(Cli.run("predict", "--model", model.toString(), "--input", in.toString(), "--output",
        out.toString()).code()).isZero();
    double sum = 0;
    for (Row r : SparkTest.spark().read().parquet(out.toString()).collectAsList()) {
      sum += Double.parseDouble(r.getString(r.fieldIndex("w"))) * r.getDouble(r.fieldIndex("logDensity"));
    }
    JsonNode m = FitCommandTest.model(model);
    double ll = m.path("logLikelihood").asDouble();
    assertThat(sum).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
  }
}
