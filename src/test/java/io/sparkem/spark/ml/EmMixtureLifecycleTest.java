package io.sparkem.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.ModelContract;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle through the Spark ML estimator, against the command line and hand computation:
 * {@code transform}'s {@code logDensityCol} is {@code predict}'s {@code logDensity} row by row (and
 * an empty name drops it); NaN cells under {@code missing = "marginalize"} get the density of the
 * observed coordinate; {@code summary()} carries the training quantiles and {@code score} the
 * command's report; {@code initialModel} + {@code decay} is {@code update}, bit for bit, and decay 0
 * is a fit from the model.
 */
class EmMixtureLifecycleTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Dataset<Row> vectors(Path csv) {
    Dataset<Row> frame = SparkTest.spark().read().option("header", "true").option("inferSchema", "true")
        .csv(csv.toString());
    return new VectorAssembler().setInputCols(new String[] {"x", "y"}).setOutputCol("features").transform(frame);
  }

  @Test
  void transformAddsPredictsLogDensityAndTheSummaryAndScoreAgree() throws Exception {
    Path data = Data.csv(dir.resolve("train.csv"), "x,y", EmMixtureTest.threeBlobs(900, 3));
    EmMixtureModel model = new EmMixture().setK(3).setSeed(5).fit(vectors(data));
    ModelContract.assertValidJson(model.toJson());
    Dataset<Row> out = model.transform(vectors(data));
    assertThat(out.columns()).containsExactly("x", "y", "features", "prediction", "probability", "logDensity");

    Path saved = Data.write(dir.resolve("saved/model.json"), model.toJson());
    Path predicted = dir.resolve("predicted");
    assertThat(Cli.run("predict", "--model", saved.toString(), "--input", data.toString(), "--output",
        predicted.toString()).code()).isZero();
    Map<String, Double> cli = new HashMap<>();
    for (Row r : SparkTest.spark().read().parquet(predicted.toString()).collectAsList()) {
      cli.put(r.getString(0) + "," + r.getString(1), r.getDouble(r.fieldIndex("logDensity")));
    }
    double sum = 0;
    for (Row r : out.collectAsList()) {
      double ld = r.getDouble(5);
      assertThat(ld).isCloseTo(cli.get(r.get(0) + "," + r.get(1)), within(1e-12));
      sum += ld;
    }
    EmMixtureSummary summary = model.summary();
    assertThat(sum).isCloseTo(summary.logLikelihood(), within(1e-9 * Math.abs(summary.logLikelihood())));
    assertThat(model.setLogDensityCol("").transform(vectors(data)).columns())
        .containsExactly("x", "y", "features", "prediction", "probability");

    JsonNode m = JSON.readTree(model.toJson());
    assertThat(summary.logDensityQuantiles().keySet()).containsExactly("0.001", "0.01", "0.05", "0.5");
    assertThat(summary.logDensityQuantiles().get("0.5")).isEqualTo(m.path("logDensityQuantiles").path("0.5").asDouble());
    assertThat(summary.logDensityRankError()).isBetween(0.0, 0.001);
    EmMixtureScore score = model.score(vectors(data));
    assertThat(score.records()).isEqualTo(900);
    assertThat(score.meanLogLikelihood()).isCloseTo(summary.logLikelihood() / 900,
        within(1e-12 * Math.abs(summary.logLikelihood())));
    double eps = summary.logDensityRankError();
    assertThat(score.belowTrainingQuantile().get("0.01")).isBetween(0.01 - eps - 1.0 / 900, 0.01 + eps);
    assertThat(JSON.readTree(score.json()).path("meanLogLikelihood").asDouble()).isEqualTo(score.meanLogLikelihood());
  }

  @Test
  void missingCellsAreIntegratedOutWhenAskedAndRefusedOtherwise() {
    String json = "{\"family\":\"gaussian\",\"covariance\":\"full\",\"k\":2,\"dimension\":2,\"features\":[\"x\",\"y\"],"
        + "\"components\":[{\"weight\":0.25,\"mean\":[0,1],\"covariance\":[[1,0.3],[0.3,2]]},"
        + "{\"weight\":0.75,\"mean\":[4,-1],\"covariance\":[[3,0],[0,1]]}]}";
    EmMixtureModel model = new EmMixtureModel("m", json);
    StructType schema = new StructType().add("features", new VectorUDT(), false);
    Dataset<Row> rows = SparkTest.spark().createDataFrame(List.of(RowFactory.create(Vectors.dense(2.0, Double.NaN))),
        schema);
    assertThatThrownBy(() -> model.transform(rows).collectAsList()).hasMessageContaining("marginalize");
    Row r = model.setMissing("marginalize").transform(rows).collectAsList().get(0);
    // Only x = 2 is observed: the marginals N(2; 0, 1) and N(2; 4, 3).
    double l0 = Math.log(0.25) - 0.5 * Math.log(2 * Math.PI) - 0.5 * 4;
    double l1 = Math.log(0.75) - 0.5 * Math.log(2 * Math.PI * 3) - 0.5 * 4 / 3;
    double lse = Math.max(l0, l1) + Math.log(Math.exp(l0 - Math.max(l0, l1)) + Math.exp(l1 - Math.max(l0, l1)));
    assertThat(r.getDouble(3)).isCloseTo(lse, within(1e-12));
    assertThat(((org.apache.spark.ml.linalg.Vector) r.get(2)).apply(1)).isCloseTo(Math.exp(l1 - lse), within(1e-12));
    EmMixtureModel kmeans = new EmMixtureModel("k", "{\"family\":\"kmeans\",\"k\":1,\"dimension\":2,"
        + "\"features\":[\"x\",\"y\"],\"components\":[{\"mean\":[0,0]}]}");
    assertThatThrownBy(() -> kmeans.setMissing("marginalize").transform(rows)).hasMessageContaining("gaussian");
    assertThat(new EmMixtureModel("k2", kmeans.toJson()).transformSchema(schema).fieldNames())
        .containsExactly("features", "prediction", "probability");
  }

  @Test
  void anInitialModelWithADecayIsTheCommandLinesUpdate() throws Exception {
    List<double[]> rows = EmMixtureTest.threeBlobs(1200, 9);
    Path a = Data.csv(dir.resolve("a.csv"), "x,y", rows.subList(0, 600));
    Path b = Data.csv(dir.resolve("b.csv"), "x,y", rows.subList(600, 1200));
    Path fitA = dir.resolve("fitA");
    assertThat(Cli.run("fit", "--input", a.toString(), "--k", "3", "--output", fitA.toString()).code()).isZero();
    Path updated = dir.resolve("updated");
    Cli.Run run = Cli.run("update", "--model", fitA.toString(), "--input", b.toString(), "--output",
        updated.toString(), "--decay", "0.5");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode cli = JSON.readTree(updated.resolve("model.json").toFile());

    EmMixtureModel modelA = new EmMixture().setK(3).fit(vectors(a));
    assertThat(JSON.readTree(modelA.toJson()).path("components"))
        .isEqualTo(JSON.readTree(fitA.resolve("model.json").toFile()).path("components"));
    EmMixtureModel half = new EmMixture().setInitialModel(modelA).setDecay(0.5).fit(vectors(b));
    JsonNode ml = JSON.readTree(half.toJson());
    ModelContract.assertValidJson(half.toJson());
    assertThat(ml.path("components")).isEqualTo(cli.path("components"));
    assertThat(ml.path("statistics")).isEqualTo(cli.path("statistics"));
    assertThat(ml.path("totalWeight").asDouble()).isEqualTo(900.0);

    // Decay 0: the estimator started from the model, nothing of its statistics.
    EmMixtureModel forgot = new EmMixture().setInitialModel(modelA).setDecay(0).fit(vectors(b));
    EmMixtureModel started = new EmMixture().setK(3).setInit("model:" + fitA).fit(vectors(b));
    assertThat(JSON.readTree(forgot.toJson()).path("components"))
        .isEqualTo(JSON.readTree(started.toJson()).path("components"));
    assertThatThrownBy(() -> new EmMixture().setDecay(1.5)).hasMessageContaining("decay");
  }
}
