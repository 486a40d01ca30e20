package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.CsvBatches;
import io.sparkem.testing.RegressionData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixture of regressions after its fit, through the command line: model.json's
 * {@code logDensityQuantiles} are order statistics of the records' log p(y | x), computed here in
 * closed form from the model's numbers; {@code score} of the training data gives their mean (and
 * logLikelihood / totalWeight); {@code update} with decay 0 is {@code fit --init model:DIR} on the
 * new batch bit for bit, and with decay 1 half A then half B ends within 0.5% of the fit of both.
 */
class RegressionLifecycleCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static void run(String... args) {
    Cli.Run run = Cli.run(args);
    assertThat(run.code()).as(run.err()).isZero();
  }

  private JsonNode score(Path model, Path input) throws Exception {
    Cli.Run run = Cli.run("score", "--model", model.toString(), "--input", input.toString());
    assertThat(run.code()).as(run.err()).isZero();
    return JSON.readTree(run.lastLine());
  }

  @Test
  void theQuantilesAndTheScoreAreThoseOfTheClosedFormLogDensities() throws Exception {
    Path csv = RegressionData.noDataCsv(dir.resolve("no/NOdata.csv"));
    Path out = dir.resolve("fit");
    run("fit", "--family", "regression", "--label-col", "Equivalence", "--input", csv.toString(), "--k", "2",
        "--output", out.toString());
    JsonNode m = FitCommandTest.model(out);
    int n = RegressionData.NO_DATA.length;
    double[] ld = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      ld[i] = RegressionData.logDensity(m, RegressionData.NO_DATA[i][0], RegressionData.NO_DATA[i][1]);
      sum += ld[i];
    }
    Arrays.sort(ld);
    assertThat(sum).isCloseTo(m.path("logLikelihood").asDouble(), within(1e-9 * Math.abs(sum)));
    // 88 records, fewer than a summary holds: each quantile is one of the records' log-densities,
    // whose rank is within one record (and the stated error) of its level.
    double eps = m.path("logDensityRankError").asDouble();
    assertThat(eps).isBetween(0.0, 0.001);
    JsonNode q = m.path("logDensityQuantiles");
    for (String level : List.of("0.001", "0.01", "0.05", "0.5")) {
      double v = q.path(level).asDouble(Double.NaN);
      int rank = nearestIndex(ld, v);
      assertThat(ld[rank]).as("quantile %s is a record's log-density", level).isCloseTo(v, within(1e-9));
      assertThat(Math.abs((rank + 1.0) / n - Double.parseDouble(level))).as("rank of %s", level)
          .isLessThanOrEqualTo(1.0 / n + eps);
    }
    JsonNode s = score(out, csv);
    assertThat(s.path("meanLogLikelihood").asDouble()).isCloseTo(sum / n, within(1e-9 * Math.abs(sum / n)));
    assertThat(s.path("meanLogLikelihood").asDouble())
        .isCloseTo(m.path("logLikelihood").asDouble() / m.path("totalWeight").asDouble(), within(1e-12));
  }

  private static int nearestIndex(double[] sorted, double v) {
    int best = 0;
    for (int i = 1; i < sorted.length; i++) {
      if (Math.abs(sorted[i] - v) < Math.abs(sorted[best] - v)) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void updateIsAFitFromTheModelAndFoldsBatchesLikeOneFit() throws Exception {
    Path data = dir.resolve("gen");
    run("generate", "--family", "regression", "--output", data.toString(), "--n", "8000", "--k", "2",
        "--dimension", "2", "--seed", "11");
    CsvBatches.Csv rows = CsvBatches.read(data);
    Path a = rows.write(dir.resolve("a.csv"), 0, 4000);
    Path b = rows.write(dir.resolve("b.csv"), 4000, 8000);
    Path all = rows.write(dir.resolve("all.csv"), 0, 8000);
    Path fitA = fit(a, "fitA");
    // decay 0: the old statistics weigh nothing, so update is a fit from the model on the batch.
    Path zero = dir.resolve("update0");
    run("update", "--model", fitA.toString(), "--input", b.toString(), "--output", zero.toString(), "--decay", "0");
    Path refit = fit(b, "refit", "--init", "model:" + fitA);
    JsonNode u = FitCommandTest.model(zero);
    JsonNode r = FitCommandTest.model(refit);
    for (String field : List.of("components", "logLikelihood", "iterations", "logDensityQuantiles", "statistics")) {
      assertThat(u.path(field)).as(field).isEqualTo(r.path(field));
    }
    // decay 1: half A, then half B, against A ∪ B at once, judged by score on A ∪ B.
    Path one = dir.resolve("update1");
    run("update", "--model", fitA.toString(), "--input", b.toString(), "--output", one.toString());
    assertThat(FitCommandTest.model(one).path("records").asLong()).isEqualTo(8000);
    double updated = score(one, all).path("meanLogLikelihood").asDouble();
    double atOnce = score(fit(all, "all"), all).path("meanLogLikelihood").asDouble();
    assertThat(Math.abs(updated - atOnce)).isLessThanOrEqualTo(0.005 * Math.abs(atOnce));
  }

  private Path fit(Path input, String name, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("fit", "--family", "regression", "--label-col", "y",
        "--input", input.toString(), "--k", "2", "--output", out.toString()));
    args.addAll(List.of(extra));
    run(args.toArray(String[]::new));
    return out;
  }
}
