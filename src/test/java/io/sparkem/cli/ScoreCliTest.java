package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.fit.DensityQuantiles;
import io.sparkem.testing.Cli;
import io.sparkem.testing.CsvBatches;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} and model.json's {@code logDensityQuantiles}. On the training records: the mean
 * log-likelihood is logLikelihood / totalWeight, and the share of records below each training
 * quantile is its level within the reported rank error; the training quantiles themselves have
 * true ranks (from predict's logDensity column, sorted here) within that error of their levels.
 * On fresh records of the same mixture the numbers barely move; on the same mixture shifted they
 * fall clearly. Plus the file it writes and what it refuses.
 */
class ScoreCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static CsvBatches.Csv rows;
  private static Path train;
  private static Path model;

  /** 20,000 records of a generated 3-component mixture in 3-D: the first half trains, the rest is fresh. */
  @BeforeAll
  static void fit() {
    Path data = dir.resolve("data");
    assertThat(Cli.run("generate", "--output", data.toString(), "--n", "20000", "--k", "3", "--dimension", "3",
        "--seed", "5").code()).isZero();
    rows = CsvBatches.read(data);
    train = rows.write(dir.resolve("train.csv"), 0, 10_000);
    model = dir.resolve("model");
    Cli.Run fit = Cli.run("fit", "--input", train.toString(), "--k", "3", "--output", model.toString());
    assertThat(fit.code()).as(fit.err()).isZero();
  }

  private static JsonNode score(Path input, String... extra) throws Exception {
    String[] args = new String[5 + extra.length];
    System.arraycopy(new String[] {"score", "--model", model.toString(), "--input", input.toString()}, 0, args, 0, 5);
    System.arraycopy(extra, 0, args, 5, extra.length);
    Cli.Run run = Cli.run(args);
    assertThat(run.code()).as(run.err()).isZero();
    return JSON.readTree(run.lastLine());
  }

  @Test
  void theTrainingRecordsScoreAsTheFitSaw() throws Exception {
    JsonNode m = FitCommandTest.model(model);
    Path file = dir.resolve("reports/train.json");
    Files.createDirectories(file.getParent());
    JsonNode s = score(train, "--output", file.toString());
    double ll = m.path("logLikelihood").asDouble();
    assertThat(s.path("records").asLong()).isEqualTo(10_000);
    assertThat(s.path("totalWeight").asDouble()).isEqualTo(10_000.0);
    assertThat(s.path("logLikelihood").asDouble()).isCloseTo(ll, within(1e-12 * Math.abs(ll)));
    assertThat(s.path("meanLogLikelihood").asDouble()).isCloseTo(ll / 10_000, within(1e-12 * Math.abs(ll)));
    double eps = m.path("logDensityRankError").asDouble();
    assertThat(eps).isBetween(0.0, 0.001);
    for (double level : DensityQuantiles.BELOW_LEVELS) {
      double below = s.path("belowTrainingQuantile").path(DensityQuantiles.key(level)).asDouble();
      assertThat(below).as("below the %s quantile", level).isBetween(level - eps - 1e-4, level + eps);
    }
    for (double level : DensityQuantiles.LEVELS) {
      String key = DensityQuantiles.key(level);
      double q = m.path("logDensityQuantiles").path(key).asDouble();
      assertThat(s.path("logDensityQuantiles").path(key).asDouble()).isCloseTo(q, within(1e-9 * Math.abs(q)));
    }
    // The file holds the same report as the line.
    JsonNode written = JSON.readTree(file.toFile());
    assertThat(written.path("meanLogLikelihood")).isEqualTo(s.path("meanLogLikelihood"));
    assertThat(written.path("belowTrainingQuantile")).isEqualTo(s.path("belowTrainingQuantile"));
  }

  @Test
  void theTrainingQuantilesHaveTheirTrueRanksWithinTheStatedError() throws Exception {
    Path out = dir.resolve("predicted");
    assertThat(Cli.run("predict", "--model", model.toString(), "--input", train.toString(), "--output",
        out.toString()).code()).isZero();
    double[] ld = SparkTest.spark().read().parquet(out.toString()).select("logDensity").collectAsList().stream()
        .mapToDouble((Row r) -> r.getDouble(0)).sorted().toArray();
    JsonNode m = FitCommandTest.model(model);
    double eps = m.path("logDensityRankError").asDouble();
    for (double level : DensityQuantiles.LEVELS) {
      double q = m.path("logDensityQuantiles").path(DensityQuantiles.key(level)).asDouble();
      // Ranks of the reported value among the exact log-densities (to 1e-9: two kernels round apart).
      long atMost = Arrays.stream(ld).filter(v -> v <= q + 1e-9 * Math.abs(q)).count();
      long below = Arrays.stream(ld).filter(v -> v < q - 1e-9 * Math.abs(q)).count();
      assertThat(atMost / (double) ld.length).as("R(q) at %s", level).isGreaterThanOrEqualTo(level - eps);
      assertThat(below / (double) ld.length).as("R(q-) at %s", level).isLessThanOrEqualTo(level + eps);
    }
  }

  @Test
  void aShiftedMixtureScoresClearlyLowerAndFallsBelowMoreOften() throws Exception {
    JsonNode fresh = score(rows.write(dir.resolve("fresh.csv"), 10_000, 20_000));
    JsonNode shifted = score(rows.shifted(1.5).write(dir.resolve("shifted.csv"), 10_000, 20_000));
    JsonNode m = FitCommandTest.model(model);
    double trainMean = m.path("logLikelihood").asDouble() / 10_000;
    System.out.printf("score: training mean %.4f; fresh %.4f, below 1%% %.4f; shifted %.4f, below 1%% %.4f, "
        + "below 0.1%% %.4f%n", trainMean, fresh.path("meanLogLikelihood").asDouble(),
        fresh.path("belowTrainingQuantile").path("0.01").asDouble(), shifted.path("meanLogLikelihood").asDouble(),
        shifted.path("belowTrainingQuantile").path("0.01").asDouble(),
        shifted.path("belowTrainingQuantile").path("0.001").asDouble());
    // Fresh records of the same mixture: the mean within a few standard errors (sd ~ 1.2 / √10⁴), the
    // shares near their levels.
    assertThat(fresh.path("meanLogLikelihood").asDouble()).isCloseTo(trainMean, within(0.06));
    assertThat(fresh.path("belowTrainingQuantile").path("0.01").asDouble()).isBetween(0.005, 0.02);
    // Every coordinate moved by 1.5 (components have unit-ish spread): the mean drops by about
    // ½·1.5²·Σ_a (Σ⁻¹)_aa ≈ 3 nats, and a fifth or more of the records fall below the 1% quantile.
    assertThat(shifted.path("meanLogLikelihood").asDouble()).isLessThan(trainMean - 1.5);
    assertThat(shifted.path("belowTrainingQuantile").path("0.01").asDouble()).isGreaterThan(0.2);
    assertThat(shifted.path("belowTrainingQuantile").path("0.001").asDouble())
        .isGreaterThan(fresh.path("belowTrainingQuantile").path("0.001").asDouble() + 0.05);
  }

  @Test
  void scoreRefusesWhatItCannotScoreAndLeavesFilesItDidNotWriteAlone() throws Exception {
    Path kmeans = dir.resolve("kmeans");
    assertThat(Cli.run("fit", "--family", "kmeans", "--input", train.toString(), "--k", "3", "--output",
        kmeans.toString()).code()).isZero();
    Cli.Run k = Cli.run("score", "--model", kmeans.toString(), "--input", train.toString());
    assertThat(k.code()).isEqualTo(2);
    assertThat(k.err()).contains("kmeans").contains("no density");

    Path notOurs = Data.write(dir.resolve("notes.txt"), "my notes\n");
    Cli.Run exists = Cli.run("score", "--model", model.toString(), "--input", train.toString(), "--output",
        notOurs.toString());
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("--overwrite");
    Cli.Run forced = Cli.run("score", "--model", model.toString(), "--input", train.toString(), "--output",
        notOurs.toString(), "--overwrite");
    assertThat(forced.code()).isEqualTo(2);
    assertThat(forced.err()).contains("not written by this tool");
    assertThat(Files.readString(notOurs)).isEqualTo("my notes\n");

    // Inside the input directory, the next read of the directory would take the JSON for data.
    Path inputDir = dir.resolve("indir");
    Files.createDirectories(inputDir);
    Files.copy(train, inputDir.resolve("train.csv"));
    Cli.Run inside = Cli.run("score", "--model", model.toString(), "--input", inputDir.toString(), "--output",
        inputDir.resolve("score.json").toString());
    assertThat(inside.code()).isEqualTo(2);
    assertThat(inside.err()).contains("inside the input directory");
    try (Stream<Path> files = Files.list(inputDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("train.csv");
    }
    // Written, then replaced by a second score: one file, nothing beside it (no .score.json.crc).
    Path outDir = Files.createDirectories(dir.resolve("scores"));
    Path result = outDir.resolve("score.json");
    for (String[] again : new String[][] {{}, {"--overwrite"}}) {
      List<String> args = new java.util.ArrayList<>(List.of("score", "--model", model.toString(), "--input",
          train.toString(), "--output", result.toString()));
      args.addAll(List.of(again));
      Cli.Run written = Cli.run(args.toArray(String[]::new));
      assertThat(written.code()).as(written.err()).isZero();
      assertThat(JSON.readTree(result.toFile()).path("meanLogLikelihood").isNumber()).isTrue();
      try (Stream<Path> files = Files.list(outDir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("score.json");
      }
    }

    Path wrong = Data.write(dir.resolve("wrong.csv"), "x1,x2,q\n1,2,3\n");
    Cli.Run missing = Cli.run("score", "--model", model.toString(), "--input", wrong.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("x3");
  }
}
