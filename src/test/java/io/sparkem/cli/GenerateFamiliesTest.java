package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --family F} for every family besides gaussian (GenerateCommandTest): the data
 * are readable by {@code fit} as they are, the truth passes the contract's checker, and a fit of
 * 3000 records recovers the truth — every true component has its own fitted one, each parameter
 * within a stated tolerance, and each weight within 0.03 — up to component order.
 */
class GenerateFamiliesTest {

  private static final int N = 3000;
  private static final double WEIGHT_TOL = 0.03;

  @TempDir Path dir;

  /** p near 0.1/0.9, ~1000 records per component: sd of p̂ ≤ 0.016, allowed 0.05. */
  @Test
  void bernoulli() throws Exception {
    JsonNode[] tf = generateAndFit("bernoulli", 3, 8, List.of(), List.of());
    assertRecovered(tf[0], tf[1], "p", p -> 0.05);
    assertThat(tf[1].path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(tf[0].path("logLikelihood").asDouble());
  }

  /**
   * 30 trials a record, p's at least 0.24 apart: sd of p̂ ≈ √(p(1−p) / 30000) ≤ 0.003 (more with
   * the overlap), allowed 0.02. The truth names the trials column; fit reads it from there.
   */
  @Test
  void binomial() throws Exception {
    Path data = dir.resolve("binomial");
    generate(data, "binomial", 3, 1, List.of("--trials", "30"));
    JsonNode truth = truth(data);
    assertThat(truth.path("trialsCol").asText()).isEqualTo("trials");
    List<List<String>> rows = csvRows(data);
    assertThat(rows.get(0)).containsExactly("x1", "trials");
    assertThat(rows.subList(1, rows.size())).allSatisfy(r -> {
      assertThat(Double.parseDouble(r.get(1))).isEqualTo(30.0);
      assertThat(Double.parseDouble(r.get(0))).isBetween(0.0, 30.0);
    });
    JsonNode model = fit(data, "binomial", 3, List.of("--trials-col", truth.path("trialsCol").asText()));
    assertThat(model.path("features").toString()).isEqualTo(truth.path("features").toString()).isEqualTo("[\"x1\"]");
    assertRecovered(truth, model, "p", p -> 0.02);
    assertThat(model.path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(truth.path("logLikelihood").asDouble());
  }

  /** sd of λ̂ ≈ √(λ / 1000) ≤ 0.032 √λ; allowed 0.05 λ + 0.1 (≥ 3 sd for every λ ≥ 1). */
  @Test
  void poisson() throws Exception {
    JsonNode[] tf = generateAndFit("poisson", 3, 3, List.of(), List.of());
    assertRecovered(tf[0], tf[1], "lambda", lambda -> 0.05 * lambda + 0.1);
    assertThat(tf[1].path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(tf[0].path("logLikelihood").asDouble());
  }

  /** ~1000 records × 40 counts per component: sd of p̂ ≤ √(0.25 / 40000) = 0.0025, allowed 0.02. */
  @Test
  void multinomial() throws Exception {
    JsonNode[] tf = generateAndFit("multinomial", 3, 6, List.of("--total", "40"), List.of());
    assertRecovered(tf[0], tf[1], "p", p -> 0.02);
    assertThat(tf[1].path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(tf[0].path("logLikelihood").asDouble());
    // The totals are Poisson(40): their mean over 3000 records is 40 ± 0.12 (sd).
    List<List<String>> rows = csvRows(dir.resolve("multinomial"));
    double sum = 0;
    for (List<String> r : rows.subList(1, rows.size())) {
      for (String v : r) {
        sum += Double.parseDouble(v);
      }
    }
    assertThat(sum / N).isCloseTo(40.0, within(0.6));
  }

  /**
   * Unit noise, ~1000 records per centre: each fitted coordinate within 1/√1000 ≈ 0.03 (sd) of
   * the true one, allowed 0.15. The truth's cost (the records' squared distances to the true
   * centres, ~ χ²(3) each, so ≈ 3 per record) is at least the fitted one (the fit minimises it).
   */
  @Test
  void kmeans() throws Exception {
    JsonNode[] tf = generateAndFit("kmeans", 3, 3, List.of(), List.of());
    JsonNode truth = tf[0];
    JsonNode model = tf[1];
    assertRecovered(truth, model, "mean", mu -> 0.15);
    assertThat(truth.has("logLikelihood")).isFalse();
    assertThat(truth.path("cost").asDouble() / N).isCloseTo(3.0, within(0.25));
    assertThat(model.path("cost").asDouble()).isLessThanOrEqualTo(truth.path("cost").asDouble());
  }

  @Test
  void binomialHasOneFeature() {
    Cli.Run run = Cli.run("generate", "--family", "binomial", "--output", dir.resolve("b").toString(),
        "--n", "10", "--k", "2", "--dimension", "2");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--dimension 1");
  }

  // ---------------------------------------------------------------------------------------------

  /** {truth, fitted model} of {@code generate --family} then {@code fit} with the same k. */
  private JsonNode[] generateAndFit(String family, int k, int d, List<String> genArgs, List<String> fitArgs)
      throws Exception {
    Path data = dir.resolve(family);
    generate(data, family, k, d, genArgs);
    JsonNode truth = truth(data);
    JsonNode model = fit(data, family, k, fitArgs);
    assertThat(model.path("features").toString()).isEqualTo(truth.path("features").toString());
    return new JsonNode[] {truth, model};
  }

  private void generate(Path data, String family, int k, int d, List<String> extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("generate", "--family", family, "--output", data.toString(),
        "--n", String.valueOf(N), "--k", String.valueOf(k), "--dimension", String.valueOf(d), "--seed", "11"));
    args.addAll(extra);
    Cli.Run gen = Cli.run(args.toArray(String[]::new));
    assertThat(gen.code()).as(gen.err()).isZero();
    Path truthFile = dir.resolve(data.getFileName() + ".truth.json");
    ContractCheck.assertValid(truthFile);
    JsonNode truth = truth(data);
    assertThat(truth.path("family").asText()).isEqualTo(family);
    assertThat(truth.path("k").asInt()).isEqualTo(k);
    assertThat(truth.path("dimension").asInt()).isEqualTo(d);
    assertThat(truth.path("records").asLong()).isEqualTo(N);
  }

  private JsonNode truth(Path data) throws Exception {
    return new ObjectMapper().readTree(dir.resolve(data.getFileName() + ".truth.json").toFile());
  }

  private JsonNode fit(Path data, String family, int k, List<String> extra) throws Exception {
    Path out = dir.resolve(data.getFileName() + "-fit");
    List<String> args = new ArrayList<>(List.of("fit", "--family", family, "--input", data.toString(),
        "--k", String.valueOf(k), "--output", out.toString()));
    args.addAll(extra);
    Cli.Run fit = Cli.run(args.toArray(String[]::new));
    assertThat(fit.code()).as(fit.err()).isZero();
    ContractCheck.assertValid(out);
    JsonNode model = FitCommandTest.model(out);
    assertThat(model.path("records").asLong()).isEqualTo(N);
    assertThat(model.path("skippedRecords").asLong()).isZero();
    return model;
  }

  /**
   * Some ordering of the fitted components matches the true ones: every parameter within
   * {@code tol(true value)} and every weight within {@value #WEIGHT_TOL}.
   */
  private static void assertRecovered(JsonNode truth, JsonNode model, String field, DoubleUnaryOperator tol) {
    List<double[]> t = params(truth, field);
    List<double[]> f = params(model, field);
    assertThat(f).hasSameSizeAs(t);
    int[] best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (int[] perm : permutations(t.size())) {
      double error = 0; // the worst parameter error in units of its tolerance
      for (int j = 0; j < t.size(); j++) {
        double[] tj = t.get(j);
        double[] fj = f.get(perm[j]);
        for (int a = 0; a < tj.length; a++) {
          error = Math.max(error, Math.abs(fj[a] - tj[a]) / tol.applyAsDouble(tj[a]));
        }
        double dw = Math.abs(weight(model, perm[j]) - weight(truth, j)) / WEIGHT_TOL;
        error = Math.max(error, dw);
      }
      if (error < bestError) {
        bestError = error;
        best = perm;
      }
    }
    assertThat(bestError).as("worst error / tolerance under the best matching %s;\ntruth %s\nfit %s",
        java.util.Arrays.toString(best), truth.path("components"), model.path("components")).isLessThanOrEqualTo(1.0);
  }

  private static double weight(JsonNode m, int j) {
    return m.path("components").get(j).path("weight").asDouble();
  }

  private static List<double[]> params(JsonNode m, String field) {
    List<double[]> out = new ArrayList<>();
    for (JsonNode c : m.path("components")) {
      JsonNode v = c.path(field);
      if (v.isNumber()) {
        out.add(new double[] {v.asDouble()});
        continue;
      }
      double[] x = new double[v.size()];
      for (int a = 0; a < x.length; a++) {
        x[a] = v.get(a).asDouble();
      }
      out.add(x);
    }
    return out;
  }

  private static List<int[]> permutations(int k) {
    List<int[]> out = new ArrayList<>();
    permute(new int[k], new boolean[k], 0, out);
    return out;
  }

  private static void permute(int[] p, boolean[] used, int at, List<int[]> out) {
    if (at == p.length) {
      out.add(p.clone());
      return;
    }
    for (int v = 0; v < p.length; v++) {
      if (!used[v]) {
        used[v] = true;
        p[at] = v;
        permute(p, used, at + 1, out);
        used[v] = false;
      }
    }
  }

  /** Header and records of a generated CSV directory (all part files). */
  private static List<List<String>> csvRows(Path data) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (var files = java.nio.file.Files.list(data)) {
      for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        List<String> lines = java.nio.file.Files.readAllLines(part);
        if (rows.isEmpty()) {
          rows.add(List.of(lines.get(0).split(",")));
        }
        for (String line : lines.subList(1, lines.size())) {
          rows.add(List.of(line.split(",")));
        }
      }
    }
    return rows;
  }
}
