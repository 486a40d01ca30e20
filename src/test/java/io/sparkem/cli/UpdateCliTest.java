package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.CsvBatches;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code update} (incremental EM), judged by what a fit of all the data at once gives: decay 0 is
 * {@code fit --init model:DIR} on the new batch, bit for bit; decay 1 after half A, updating with
 * half B, ends within 0.5% of the fit of A ∪ B (mean log-likelihood on A ∪ B, by {@code score}) — on
 * the demo's 200 heights and on 10⁵ records in 5-D — and ten daily batches of 10⁴ folded in one by
 * one end within 1% of the fit of all 10⁵. Every model.json it writes keeps the contract (the
 * statistics are the blend: records and weight of all batches). A model and an input with other
 * features, and a hidden Markov model, are exit 2.
 */
class UpdateCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  /** 10⁵ records of a generated 3-component mixture in 5-D, and their fit at once. */
  private static CsvBatches.Csv big;
  private static Path all;
  private static Path fullFit;

  @BeforeAll
  static void fitAllAtOnce() {
    Path data = dir.resolve("big");
    assertThat(Cli.run("generate", "--output", data.toString(), "--n", "100000", "--k", "3", "--dimension", "5",
        "--seed", "8").code()).isZero();
    big = CsvBatches.read(data);
    all = big.write(dir.resolve("all.csv"), 0, 100_000);
    fullFit = fit(all, "full", 3);
  }

  private static Path fit(Path input, String name, int k, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("fit", "--input", input.toString(), "--k", String.valueOf(k),
        "--output", out.toString()));
    args.addAll(List.of(extra));
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return out;
  }

  private static Path update(Path model, Path input, String name, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("update", "--model", model.toString(), "--input", input.toString(),
        "--output", out.toString()));
    args.addAll(List.of(extra));
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return out;
  }

  private static double meanOn(Path model, Path input) throws Exception {
    Cli.Run run = Cli.run("score", "--model", model.toString(), "--input", input.toString());
    assertThat(run.code()).as(run.err()).isZero();
    return JSON.readTree(run.lastLine()).path("meanLogLikelihood").asDouble();
  }

  private static JsonNode model(Path out) throws Exception {
    return FitCommandTest.model(out);
  }

  private static void assertWithin(double actual, double expected, double share, String what) {
    System.out.printf("update: %s: %.6f vs all at once %.6f (%.4f%%)%n", what, actual, expected,
        100 * Math.abs(actual - expected) / Math.abs(expected));
    assertThat(Math.abs(actual - expected)).as(what).isLessThanOrEqualTo(share * Math.abs(expected));
  }

  @Test
  void decayZeroIsAFitFromTheModelOnTheNewBatchBitForBit() throws Exception {
    Path a = big.write(dir.resolve("d0a.csv"), 0, 3000);
    Path b = big.write(dir.resolve("d0b.csv"), 3000, 6000);
    Path modelA = fit(a, "d0-fitA", 3);
    JsonNode updated = model(update(modelA, b, "d0-update", "--decay", "0"));
    JsonNode refit = model(fit(b, "d0-refit", 3, "--init", "model:" + modelA));
    assertThat(updated.path("components")).isEqualTo(refit.path("components"));
    for (String field : List.of("logLikelihood", "records", "totalWeight", "iterations", "converged", "bic",
        "logDensityQuantiles", "statistics")) {
      assertThat(updated.path(field)).as(field).isEqualTo(refit.path(field));
    }
    List<Double> a1 = new ArrayList<>();
    List<Double> b1 = new ArrayList<>();
    updated.path("trace").forEach(t -> a1.add(t.path("logLikelihood").asDouble()));
    refit.path("trace").forEach(t -> b1.add(t.path("logLikelihood").asDouble()));
    assertThat(a1).isEqualTo(b1);
    assertThat(updated.path("provenance").path("update").path("decay").asDouble()).isZero();
  }

  @Test
  void halfThenHalfEndsNearTheFitOfBothOnTheDemosHeights() throws Exception {
    SplittableRandom rng = new SplittableRandom(2008);
    StringBuilder a = new StringBuilder("height\n");
    StringBuilder b = new StringBuilder("height\n");
    StringBuilder both = new StringBuilder("height\n");
    for (int i = 0; i < 200; i++) {
      double h = (rng.nextBoolean() ? 172 : 162) + 5 * rng.nextGaussian();
      (i % 2 == 0 ? a : b).append(h).append('\n');
      both.append(h).append('\n');
    }
    Path pa = Data.write(dir.resolve("heights-a.csv"), a.toString());
    Path pb = Data.write(dir.resolve("heights-b.csv"), b.toString());
    Path pab = Data.write(dir.resolve("heights.csv"), both.toString());
    Path updated = update(fit(pa, "heights-a", 2), pb, "heights-ab");
    Path atOnce = fit(pab, "heights-all", 2);
    JsonNode m = model(updated);
    assertThat(m.path("records").asLong()).isEqualTo(200);
    assertThat(m.path("totalWeight").asDouble()).isEqualTo(200.0);
    assertThat(m.path("statistics").path("records").asLong()).isEqualTo(200);
    assertWithin(meanOn(updated, pab), meanOn(atOnce, pab), 0.005, "heights, half A then half B");
  }

  @Test
  void halfThenHalfEndsNearTheFitOfBothOnAHundredThousandRecords() throws Exception {
    Path a = big.write(dir.resolve("half-a.csv"), 0, 50_000);
    Path b = big.write(dir.resolve("half-b.csv"), 50_000, 100_000);
    Path updated = update(fit(a, "half-a", 3), b, "half-ab");
    assertThat(model(updated).path("records").asLong()).isEqualTo(100_000);
    assertWithin(meanOn(updated, all), meanOn(fullFit, all), 0.005, "1e5 x 5-D, half A then half B");
  }

  @Test
  void tenDailyBatchesFoldedInOneByOneStayNearTheFitOfAll() throws Exception {
    Path day = fit(big.write(dir.resolve("day1.csv"), 0, 10_000), "day1", 3);
    for (int d = 2; d <= 10; d++) {
      Path batch = big.write(dir.resolve("day" + d + ".csv"), (d - 1) * 10_000, d * 10_000);
      day = update(day, batch, "day" + d);
    }
    JsonNode last = model(day);
    assertThat(last.path("records").asLong()).isEqualTo(100_000);
    assertThat(last.path("totalWeight").asDouble()).isEqualTo(100_000.0);
    assertWithin(meanOn(day, all), meanOn(fullFit, all), 0.01, "ten daily batches of 1e4");
  }

  @Test
  void anInputWithOtherFeaturesOrAHiddenMarkovModelIsExit2() {
    Path a = big.write(dir.resolve("f-a.csv"), 0, 2000);
    Path modelA = fit(a, "f-fitA", 2);
    Path other = Data.write(dir.resolve("other.csv"), "x1,x2,x3,x4,z\n1,2,3,4,5\n");
    Cli.Run lacking = Cli.run("update", "--model", modelA.toString(), "--input", other.toString(), "--output",
        dir.resolve("f-out").toString());
    assertThat(lacking.code()).isEqualTo(2);
    assertThat(lacking.err()).contains("other.csv").contains("[x5]").contains("[x1, x2, x3, x4, x5]");
    Cli.Run named = Cli.run("update", "--model", modelA.toString(), "--input", other.toString(), "--features",
        "x1,x2,x3,x4,z", "--output", dir.resolve("f-out").toString());
    assertThat(named.code()).isEqualTo(2);
    assertThat(named.err()).contains("[x1, x2, x3, x4, x5]").contains("[x1, x2, x3, x4, z]");
    assertThat(dir.resolve("f-out")).doesNotExist();

    Path hmm = Data.write(dir.resolve("casino/model.json"), HmmPredictCliTest.trueCasinoModel());
    Path rolls = Data.write(dir.resolve("rolls.csv"), "seq,t,roll\na,1,6\na,2,3\n");
    Cli.Run refused = Cli.run("update", "--model", hmm.toString(), "--input", rolls.toString(), "--output",
        dir.resolve("h-out").toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("hmm").contains("fit it again");
  }
}
