package io.sparkem.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimator's {@code miniBatch} and {@code missing} params reach the same loop as the CLI's
 * {@code --mini-batch} and {@code --missing marginalize}, and behave as those flags are specified.
 */
class FewerPassesMlTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Three well-separated 2-D Gaussians. */
  private static List<double[]> blobs(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = {{0, 0}, {8, 1}, {2, 9}};
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % 3];
      rows.add(new double[] {c[0] + rng.nextGaussian(), c[1] + rng.nextGaussian()});
    }
    return rows;
  }

  private static Dataset<Row> vectors(Path csv) {
    Dataset<Row> frame = SparkTest.spark().read().option("header", "true").option("inferSchema", "true")
        .csv(csv.toString());
    // "keep": VectorAssembler passes NaN through (its default "error" would refuse the rows).
    return new VectorAssembler().setInputCols(new String[] {"x", "y"}).setOutputCol("features")
        .setHandleInvalid("keep").transform(frame);
  }

  @Test
  void miniBatchReadsFewerRecordsForNearlyTheSameOptimum() throws Exception {
    Path csv = Data.csv(dir.resolve("b.csv"), "x,y", blobs(30_000, 2));
    Dataset<Row> data = vectors(csv).repartition(12).cache();
    EmMixtureModel full = new EmMixture().setK(3).setSeed(3).fit(data);
    EmMixtureModel mini = new EmMixture().setK(3).setSeed(3).setMiniBatch(0.25).fit(data);
    JsonNode f = JSON.readTree(full.toJson());
    JsonNode m = JSON.readTree(mini.toJson());
    assertThat(m.path("miniBatch").asDouble()).isEqualTo(0.25);
    // The final log-likelihood is that of one exact full pass, so the two are comparable.
    double optimum = full.summary().logLikelihood();
    assertThat(mini.summary().logLikelihood()).isCloseTo(optimum, within(1e-3 * Math.abs(optimum)));
    assertThat(m.path("recordsRead").asLong()).isLessThan(f.path("recordsRead").asLong());
    // Reproducible: the same seed draws the same subsets.
    EmMixtureModel again = new EmMixture().setK(3).setSeed(3).setMiniBatch(0.25).fit(data);
    assertThat(JSON.readTree(again.toJson()).path("components")).isEqualTo(m.path("components"));
    data.unpersist();
  }

  @Test
  void missingCellsAreMarginalisedAsTheCommandLineDoes() throws Exception {
    List<double[]> rows = blobs(900, 5);
    SplittableRandom rng = new SplittableRandom(7);
    StringBuilder text = new StringBuilder("x,y\n");
    for (double[] r : rows) {
      double u = rng.nextDouble();
      text.append(u < 0.1 ? "" : String.valueOf(r[0])).append(',')
          .append(u >= 0.1 && u < 0.2 ? "" : String.valueOf(r[1])).append('\n');
    }
    Path csv = Data.write(dir.resolve("m.csv"), text.toString());
    Path out = dir.resolve("cli");
    Cli.Run run = Cli.run("fit", "--input", csv.toString(), "--k", "3", "--missing", "marginalize",
        "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode cli = JSON.readTree(Files.readString(out.resolve("model.json")));

    Dataset<Row> data = vectors(csv).coalesce(1); // the CLI read this small file as one partition
    assertThatThrownBy(() -> new EmMixture().setK(3).fit(data)).hasMessageContaining("NaN");
    EmMixtureModel model = new EmMixture().setK(3).setMissing("marginalize").fit(data);
    JsonNode ml = JSON.readTree(model.toJson());
    assertThat(ml.path("missing").asText()).isEqualTo("marginalize");
    assertThat(ml.path("missingCells").asLong()).isEqualTo(cli.path("missingCells").asLong()).isPositive();
    assertThat(model.summary().logLikelihood()).isCloseTo(cli.path("logLikelihood").asDouble(),
        within(1e-9 * Math.abs(cli.path("logLikelihood").asDouble())));
    for (int j = 0; j < 3; j++) {
      for (int c = 0; c < 2; c++) {
        assertThat(ml.path("components").get(j).path("mean").get(c).asDouble())
            .isCloseTo(cli.path("components").get(j).path("mean").get(c).asDouble(), within(1e-9));
      }
    }
    assertThatThrownBy(() -> new EmMixture().setMissing("impute")).hasMessageContaining("fail or marginalize");
    assertThatThrownBy(() -> new EmMixture().setMiniBatch(0)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new EmMixture().setFamily("poisson").setMissing("marginalize").fit(data))
        .hasMessageContaining("gaussian only");
  }
}
