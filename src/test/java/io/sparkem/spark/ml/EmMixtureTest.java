package io.sparkem.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML estimator: the CLI's θ, MLlib's optimum, hand-computed posteriors, save/load, weights. */
class EmMixtureTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Dataset<Row> assembled(Dataset<Row> frame, String... columns) {
    return new VectorAssembler().setInputCols(columns).setOutputCol("features").transform(frame);
  }

  private static Dataset<Row> csv(Path file) {
    return SparkTest.spark().read().option("header", "true").option("inferSchema", "true").csv(file.toString());
  }

  /** Three overlapping 2-D Gaussians (so EM takes a few dozen iterations), n rows. */
  private static List<double[]> threeBlobs(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = {{0, 0}, {3, 1}, {1, 4}};
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % 3];
      rows.add(new double[] {c[0] + rng.nextGaussian(), c[1] + 0.7 * rng.nextGaussian()});
    }
    return rows;
  }

  @Test
  void fitsTheSameModelAsTheCommandLine() throws Exception {
    Path data = Data.csv(dir.resolve("blobs.csv"), "x,y", threeBlobs(900, 3));
    Path out = dir.resolve("cli");
    Cli.Run run = Cli.run("fit", "--input", data.toString(), "--k", "3", "--seed", "11", "--restarts", "2",
        "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode cli = JSON.readTree(out.resolve("model.json").toFile());

    EmMixtureModel model = new EmMixture().setK(3).setSeed(11).setRestarts(2).fit(assembled(csv(data), "x", "y"));
    JsonNode ml = JSON.readTree(model.toJson());

    assertThat(ml.path("features").toString()).isEqualTo("[\"x\",\"y\"]"); // names from VectorAssembler
    assertThat(ml.path("iterations").asInt()).isEqualTo(cli.path("iterations").asInt());
    assertThat(ml.path("logLikelihood").asDouble())
        .isCloseTo(cli.path("logLikelihood").asDouble(), within(1e-9 * Math.abs(cli.path("logLikelihood").asDouble())));
    for (int j = 0; j < 3; j++) {
      JsonNode a = ml.path("components").get(j);
      JsonNode b = cli.path("components").get(j);
      assertThat(a.path("weight").asDouble()).isCloseTo(b.path("weight").asDouble(), within(1e-9));
      for (int c = 0; c < 2; c++) {
        assertThat(a.path("mean").get(c).asDouble()).isCloseTo(b.path("mean").get(c).asDouble(), within(1e-9));
        for (int e = 0; e < 2; e++) {
          assertThat(a.path("covariance").get(c).get(e).asDouble())
              .isCloseTo(b.path("covariance").get(c).get(e).asDouble(), within(1e-9));
        }
      }
    }
    EmMixtureSummary s = model.summary();
    assertThat(s.trace()).hasSize(s.iterations());
    assertThat(s.bic()).isCloseTo(-2 * s.logLikelihood() + 17 * Math.log(900), within(1e-6)); // 2 + 3·2 + 3·3
  }

  /** Spark MLlib's GaussianMixture, an independent implementation, finds no better optimum. */
  @Test
  void reachesAtLeastMllibsLogLikelihood() {
    Dataset<Row> frame = assembled(csv(Data.csv(dir.resolve("b.csv"), "x,y", threeBlobs(1500, 5))), "x", "y");
    EmMixtureModel ours = new EmMixture().setK(3).setRestarts(3).setTol(1e-10).setMaxIter(500).fit(frame);
    GaussianMixtureModel mllib = new GaussianMixture().setK(3).setSeed(5).setTol(1e-10).setMaxIter(500).fit(frame);
    double theirs = mllib.summary().logLikelihood();
    assertThat(ours.summary().logLikelihood()).isGreaterThanOrEqualTo(theirs - 1e-6 * Math.abs(theirs));
    // Same optimum: the fitted weights agree once sorted (MLlib is not bound to our labels).
    double[] a = ours.weights().clone();
    double[] b = mllib.weights().clone();
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    assertThat(a).containsExactly(b, within(1e-3));
  }

  /** transform's probabilities equal Bayes' rule with the normal densities, computed here by hand. */
  @Test
  void probabilitiesAreThePosteriorsOfTheFittedModel() throws Exception {
    SparkSession spark = SparkTest.spark();
    List<double[]> rows = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < 400; i++) {
      rows.add(new double[] {(i % 2 == 0 ? -2 : 2) + rng.nextGaussian()});
    }
    Dataset<Row> frame = assembled(csv(Data.csv(dir.resolve("one.csv"), "x", rows)), "x");
    EmMixtureModel model = new EmMixture().setK(2).fit(frame);
    JsonNode c = JSON.readTree(model.toJson()).path("components");
    double[] w = new double[2];
    double[] mu = new double[2];
    double[] var = new double[2];
    for (int j = 0; j < 2; j++) {
      w[j] = c.get(j).path("weight").asDouble();
      mu[j] = c.get(j).path("mean").get(0).asDouble();
      var[j] = c.get(j).path("covariance").get(0).get(0).asDouble();
    }
    StructType schema = new StructType().add("features", new VectorUDT());
    List<Row> points = List.of(RowFactory.create(Vectors.dense(-1.0)), RowFactory.create(Vectors.dense(0.1)),
        RowFactory.create(Vectors.dense(3.0)));
    List<Row> scored = model.transform(spark.createDataFrame(points, schema)).collectAsList();
    for (Row r : scored) {
      double x = ((Vector) r.getAs("features")).apply(0);
      double[] joint = new double[2];
      for (int j = 0; j < 2; j++) {
        joint[j] = w[j] * Math.exp(-(x - mu[j]) * (x - mu[j]) / (2 * var[j])) / Math.sqrt(2 * Math.PI * var[j]);
      }
      double[] p = ((Vector) r.getAs("probability")).toArray();
      assertThat(p[0]).isCloseTo(joint[0] / (joint[0] + joint[1]), within(1e-12));
      assertThat(p[1]).isCloseTo(joint[1] / (joint[0] + joint[1]), within(1e-12));
      assertThat((int) r.getAs("prediction")).isEqualTo(p[0] >= p[1] ? 0 : 1);
    }
  }

  @Test
  void aSavedModelLoadsAndScoresTheSame() throws Exception {
    Dataset<Row> frame = assembled(csv(Data.csv(dir.resolve("s.csv"), "x,y", threeBlobs(300, 8))), "x", "y");
    EmMixtureModel model = new EmMixture().setK(3).setCovariance("diag").fit(frame)
        .setProbabilityCol("p").setPredictionCol("cluster");
    String path = dir.resolve("saved").toString();
    model.write().save(path);
    EmMixtureModel loaded = EmMixtureModel.load(path);
    assertThat(loaded.uid()).isEqualTo(model.uid());
    assertThat(loaded.getProbabilityCol()).isEqualTo("p");
    assertThat(loaded.toJson()).isEqualTo(model.toJson());
    List<Row> a = model.transform(frame).select("cluster", "p").collectAsList();
    List<Row> b = loaded.transform(frame).select("cluster", "p").collectAsList();
    assertThat(b).isEqualTo(a);
    // The saved model.json is the CLI's format: submit/em predict reads it.
    Cli.Run predict = Cli.run("predict", "--model", path + "/data/model.json", "--input",
        dir.resolve("s.csv").toString(), "--output", dir.resolve("pred").toString(), "--format", "csv");
    assertThat(predict.code()).as(predict.err()).isZero();
    // The estimator saves and loads with its params.
    EmMixture em = new EmMixture().setK(4).setFamily("poisson").setTol(1e-3);
    em.write().save(dir.resolve("est").toString());
    EmMixture back = EmMixture.load(dir.resolve("est").toString());
    assertThat(back.getK()).isEqualTo(4);
    assertThat(back.getFamily()).isEqualTo("poisson");
    assertThat(back.getTol()).isEqualTo(1e-3);
  }

  /** Weight 2 on a record is the record twice (the weighted log-likelihood is the same sum). */
  @Test
  void weightTwoEqualsADuplicatedRecord() throws Exception {
    List<double[]> rows = threeBlobs(150, 4);
    List<double[]> weighted = new ArrayList<>();
    List<double[]> duplicated = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      int times = i % 5 == 0 ? 2 : 1;
      weighted.add(new double[] {r[0], r[1], times});
      for (int t = 0; t < times; t++) {
        duplicated.add(new double[] {r[0], r[1], 1});
      }
    }
    Dataset<Row> w = assembled(csv(Data.csv(dir.resolve("w.csv"), "x,y,w", weighted)), "x", "y");
    Dataset<Row> d = assembled(csv(Data.csv(dir.resolve("d.csv"), "x,y,w", duplicated)), "x", "y");
    // Random starts draw records by position, which differ between the two; start both from one θ instead.
    EmMixtureModel first = new EmMixture().setK(3).setMaxIter(0).fit(w);
    EmMixtureModel a = new EmMixture().setK(3).setWeightCol("w").setMaxIter(30).setTol(0).fit(w);
    EmMixtureModel b = new EmMixture().setK(3).setWeightCol("w").setMaxIter(30).setTol(0).fit(d);
    assertThat(first.summary().iterations()).isZero();
    assertThat(a.summary().logLikelihood()).isCloseTo(b.summary().logLikelihood(),
        within(1e-6 * Math.abs(a.summary().logLikelihood())));
    assertThat(JSON.readTree(a.toJson()).path("totalWeight").asDouble()).isEqualTo(duplicated.size());
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    SparkSession spark = SparkTest.spark();
    StructType schema = new StructType().add("features", new VectorUDT()).add("w", DataTypes.DoubleType);
    Dataset<Row> withNaN = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
        RowFactory.create(Vectors.dense(Double.NaN, 2), 1.0)), schema);
    assertThatThrownBy(() -> new EmMixture().setK(1).fit(withNaN))
        .hasMessageContaining("is NaN").hasMessageContaining("column 'features[0]'");
    Dataset<Row> negative = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), -1.0)), schema);
    assertThatThrownBy(() -> new EmMixture().setK(1).setWeightCol("w").fit(negative))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new EmMixture().setK(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EmMixture().setFamily("binomial")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EmMixture().setFeaturesCol("w").fit(negative))
        .hasMessageContaining("must be an ml Vector");
    assertThatThrownBy(() -> new EmMixture().setFeaturesCol("nope").fit(negative))
        .hasMessageContaining("'nope' does not exist");
  }
}
