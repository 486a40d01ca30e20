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
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
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

/**
 * The Spark ML estimator: the CLI's θ, MLlib's optimum, hand-computed posteriors, save/load, weights.
 *
 * <p>Longer than 300 lines: the cases share one SparkSession and their data helpers; split by
 * theme they would repeat those helpers.
 */
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
  static List<double[]> threeBlobs(int n, long seed) {
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
    ModelContract.assertValidJson(model.toJson()); // the estimator writes the contract's model.json too

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
    // An unfitted Pipeline (VectorAssembler → EmMixture) saves, loads, and the loaded one fits the
    // same θ as the original (same params, same data, same partitioning).
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"x", "y"}).setOutputCol("features"),
        new EmMixture().setK(2).setCovariance("spherical").setSeed(5).setInit("random").setRestarts(2)});
    pipeline.write().save(dir.resolve("pipeline").toString());
    Pipeline reloaded = Pipeline.load(dir.resolve("pipeline").toString());
    EmMixture stage = (EmMixture) reloaded.getStages()[1];
    assertThat(stage.getCovariance()).isEqualTo("spherical");
    assertThat(stage.getInit()).isEqualTo("random");
    Dataset<Row> raw = csv(dir.resolve("s.csv"));
    String fromOriginal = ((EmMixtureModel) pipeline.fit(raw).stages()[1]).toJson();
    String fromReloaded = ((EmMixtureModel) reloaded.fit(raw).stages()[1]).toJson();
    assertThat(withoutTimings(JSON.readTree(fromReloaded))).isEqualTo(withoutTimings(JSON.readTree(fromOriginal)));
  }

  /** model.json minus the wall-clock fields ("seconds"), which differ between any two runs. */
  private static JsonNode withoutTimings(JsonNode node) {
    JsonNode copy = node.deepCopy();
    List<JsonNode> pending = new ArrayList<>(List.of(copy));
    while (!pending.isEmpty()) {
      JsonNode n = pending.remove(pending.size() - 1);
      if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("seconds");
      }
      n.forEach(pending::add);
    }
    return copy;
  }

  /** Pipeline stages are Serializable in Spark ML; a stage and its model survive Java serialization. */
  @Test
  void estimatorAndModelAreSerializable() throws Exception {
    StructType schema = new StructType().add("features", new VectorUDT());
    Dataset<Row> data = SparkTest.spark().createDataFrame(List.of(RowFactory.create(Vectors.dense(0.0)),
        RowFactory.create(Vectors.dense(0.2)), RowFactory.create(Vectors.dense(5.0)),
        RowFactory.create(Vectors.dense(5.3))), schema);
    EmMixture em = new EmMixture().setK(2).setInit("random").setCovariance("diag");
    EmMixture emBack = roundTrip(em);
    assertThat(emBack.getInit()).isEqualTo("random");
    assertThat(emBack.getCovariance()).isEqualTo("diag");
    EmMixtureModel model = em.fit(data);
    EmMixtureModel modelBack = roundTrip(model);
    assertThat(modelBack.toJson()).isEqualTo(model.toJson());
    assertThat(modelBack.transform(data).select("probability").collectAsList())
        .isEqualTo(model.transform(data).select("probability").collectAsList());
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  /** transform refuses what fit would: a vector of another size, a NaN, a missing column. */
  @Test
  void transformRefusesBadVectors() {
    SparkSession spark = SparkTest.spark();
    StructType schema = new StructType().add("features", new VectorUDT());
    Dataset<Row> good = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(0.0, 1.0)),
        RowFactory.create(Vectors.dense(5.0, 4.0)), RowFactory.create(Vectors.dense(0.5, 0.0))), schema);
    EmMixtureModel model = new EmMixture().setK(2).fit(good);
    Dataset<Row> longer = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3))), schema);
    assertThatThrownBy(() -> model.transform(longer).collectAsList())
        .hasStackTraceContaining("a features vector has 3 values but the model has 2 features");
    Dataset<Row> nan = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, Double.NaN))), schema);
    assertThatThrownBy(() -> model.transform(nan).collectAsList())
        .hasStackTraceContaining("a features vector holds NaN at index 1");
    assertThatThrownBy(() -> model.setFeaturesCol("v").transform(good))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'v' does not exist");
  }

  /** Weight 2 on a record is the record twice: from one starting θ, EM gives the same θ on both. */
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
    // k-means++ draws records by position, which differ between the two data sets, so both fits
    // start from one θ: the start itself (maxIter 0), once as a saved model, once as model.json.
    EmMixtureModel start = new EmMixture().setK(3).setWeightCol("w").setMaxIter(0).fit(w);
    assertThat(start.summary().iterations()).isZero();
    String saved = dir.resolve("start-model").toString();
    start.write().save(saved);
    Path startJson = Data.write(dir.resolve("start.json"), start.toJson());
    EmMixtureModel a = new EmMixture().setK(3).setWeightCol("w").setInit("model:" + saved)
        .setMaxIter(15).setTol(0).fit(w);
    EmMixtureModel b = new EmMixture().setK(3).setWeightCol("w").setInit("model:" + startJson)
        .setMaxIter(15).setTol(0).fit(d);
    // 15 iterations: before convergence (at ~26 here), so neither fit stops on a rounding-level change.
    assertThat(a.summary().iterations()).isEqualTo(15).isEqualTo(b.summary().iterations());
    assertThat(a.summary().logLikelihood()).isCloseTo(b.summary().logLikelihood(),
        within(1e-9 * Math.abs(a.summary().logLikelihood())));
    assertSameTheta(JSON.readTree(a.toJson()), JSON.readTree(b.toJson()), 1e-9);
    assertThat(JSON.readTree(a.toJson()).path("totalWeight").asDouble()).isEqualTo(duplicated.size());
    // The start really is the saved θ: 15 iterations moved it (else the check above proves little).
    assertThat(a.summary().logLikelihood()).isGreaterThan(start.summary().logLikelihood() + 1e-3);
  }

  private static void assertSameTheta(JsonNode a, JsonNode b, double tolerance) {
    assertThat(a.path("k").asInt()).isEqualTo(b.path("k").asInt());
    for (int j = 0; j < a.path("k").asInt(); j++) {
      JsonNode x = a.path("components").get(j);
      JsonNode y = b.path("components").get(j);
      assertThat(x.path("weight").asDouble()).isCloseTo(y.path("weight").asDouble(), within(tolerance));
      for (int c = 0; c < x.path("mean").size(); c++) {
        assertThat(x.path("mean").get(c).asDouble()).isCloseTo(y.path("mean").get(c).asDouble(), within(tolerance));
        for (int e = 0; e < x.path("mean").size(); e++) {
          assertThat(x.path("covariance").get(c).get(e).asDouble())
              .isCloseTo(y.path("covariance").get(c).get(e).asDouble(), within(tolerance));
        }
      }
    }
  }

  /**
   * Well-separated data drawn from a known mixture: the fit recovers the true weights, means and
   * covariances. Tolerances are ~4 standard errors of the estimates at these n (mean: σ/√n_j ≤
   * √(2/1200) ≈ 0.041; weight: √(w(1−w)/n) ≤ 0.008; variance: σ²√(2/n_j) ≤ 0.082).
   */
  @Test
  void recoversAKnownGaussianMixture() throws Exception {
    SplittableRandom rng = new SplittableRandom(21);
    double[] weight = {0.5, 0.3, 0.2};
    double[][] mean = {{0, 0}, {8, 0}, {0, 8}};
    double[][][] cov = {{{1, 0}, {0, 1}}, {{2, 0}, {0, 0.5}}, {{1, 0.6}, {0.6, 1}}};
    List<double[]> rows = new ArrayList<>();
    int n = 4000;
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      int j = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
      double z1 = rng.nextGaussian();
      double z2 = rng.nextGaussian();
      // x = μ + L z with L the Cholesky factor of the 2×2 covariance, written out.
      double l11 = Math.sqrt(cov[j][0][0]);
      double l21 = cov[j][1][0] / l11;
      double l22 = Math.sqrt(cov[j][1][1] - l21 * l21);
      rows.add(new double[] {mean[j][0] + l11 * z1, mean[j][1] + l21 * z1 + l22 * z2});
    }
    Dataset<Row> frame = assembled(csv(Data.csv(dir.resolve("known.csv"), "x,y", rows)), "x", "y");
    EmMixtureModel model = new EmMixture().setK(3).setSeed(3).fit(frame);
    JsonNode c = JSON.readTree(model.toJson()).path("components");
    assertThat(model.k()).isEqualTo(3);
    boolean[] matched = new boolean[3];
    for (int f = 0; f < 3; f++) {
      JsonNode comp = c.get(f);
      double mx = comp.path("mean").get(0).asDouble();
      double my = comp.path("mean").get(1).asDouble();
      int j = mx > 4 ? 1 : my > 4 ? 2 : 0; // the true component this fitted one sits on
      assertThat(matched[j]).as("two fitted components on true component %d", j).isFalse();
      matched[j] = true;
      assertThat(model.weights()[f]).isCloseTo(weight[j], within(0.03));
      assertThat(mx).isCloseTo(mean[j][0], within(0.17));
      assertThat(my).isCloseTo(mean[j][1], within(0.17));
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          assertThat(comp.path("covariance").get(a).get(b).asDouble()).isCloseTo(cov[j][a][b], within(0.33));
        }
      }
    }
  }

  /** The poisson family through the ML API: counts from λ = 2 (60%) and λ = 12 (40%) are recovered. */
  @Test
  void recoversAKnownPoissonMixture() throws Exception {
    SplittableRandom rng = new SplittableRandom(33);
    List<double[]> rows = new ArrayList<>();
    int n = 3000;
    for (int i = 0; i < n; i++) {
      double lambda = rng.nextDouble() < 0.6 ? 2 : 12;
      // Knuth's product-of-uniforms Poisson draw.
      double limit = Math.exp(-lambda);
      double product = rng.nextDouble();
      int count = 0;
      while (product > limit) {
        product *= rng.nextDouble();
        count++;
      }
      rows.add(new double[] {count});
    }
    Dataset<Row> frame = assembled(csv(Data.csv(dir.resolve("counts.csv"), "count", rows)), "count");
    EmMixtureModel model = new EmMixture().setFamily("poisson").setK(2).setRestarts(2).fit(frame);
    JsonNode c = JSON.readTree(model.toJson()).path("components");
    int low = c.get(0).path("lambda").get(0).asDouble() < c.get(1).path("lambda").get(0).asDouble() ? 0 : 1;
    // Standard errors: λ: √(λ/n_j) ≤ √(12/1200) = 0.1; weight: √(0.24/3000) ≈ 0.009.
    assertThat(c.get(low).path("lambda").get(0).asDouble()).isCloseTo(2, within(0.3));
    assertThat(c.get(1 - low).path("lambda").get(0).asDouble()).isCloseTo(12, within(0.4));
    assertThat(model.weights()[low]).isCloseTo(0.6, within(0.035));
    List<Row> scored = model.transform(frame).select("count", "prediction").collectAsList();
    for (Row r : scored) { // a count of 0 is from λ = 2 with posterior odds e^10·(0.6/0.4) : 1
      if (((Number) r.get(0)).doubleValue() == 0) {
        assertThat(r.getInt(1)).isEqualTo(low);
      }
    }
  }

  /** Every row's probabilities are a distribution and its prediction is their argmax. */
  @Test
  void probabilitiesSumToOneAndPredictionIsTheArgmax() {
    Dataset<Row> frame = assembled(csv(Data.csv(dir.resolve("p.csv"), "x,y", threeBlobs(600, 12))), "x", "y");
    var cachedBefore = SparkTest.spark().sparkContext().getPersistentRDDs().keySet();
    EmMixtureModel model = new EmMixture().setK(3).setCovariance("tied").fit(frame);
    // fit released the blocks it cached: no RDD is left persisted that was not before.
    assertThat(cachedBefore.$plus$plus(SparkTest.spark().sparkContext().getPersistentRDDs().keySet()).size())
        .as("persisted RDDs after fit").isEqualTo(cachedBefore.size());
    List<Row> scored = model.transform(frame).select("prediction", "probability").collectAsList();
    assertThat(scored).hasSize(600);
    int[] counts = new int[3];
    for (Row r : scored) {
      double[] p = ((Vector) r.get(1)).toArray();
      assertThat(p).hasSize(3);
      assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
      int argmax = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
      assertThat(r.getInt(0)).isEqualTo(argmax);
      for (double v : p) {
        assertThat(v).isBetween(0.0, 1.0);
      }
      counts[argmax]++;
    }
    for (int j = 0; j < 3; j++) { // each of the three overlapping blobs is a cluster (200 rows each)
      assertThat(counts[j]).isBetween(120, 280);
    }
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    SparkSession spark = SparkTest.spark();
    StructType schema = new StructType().add("features", new VectorUDT()).add("w", DataTypes.DoubleType);
    Dataset<Row> withNaN = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
        RowFactory.create(Vectors.dense(Double.NaN, 2), 1.0)), schema);
    // Where Spark itself puts the NaN row (glom: the rows of each partition, in order).
    List<List<Row>> parts = withNaN.javaRDD().glom().collect();
    String where = null;
    for (int p = 0; p < parts.size(); p++) {
      for (int i = 0; i < parts.get(p).size(); i++) {
        if (Double.isNaN(((Vector) parts.get(p).get(i).get(0)).apply(0))) {
          where = "partition " + p + ", row " + (i + 1);
        }
      }
    }
    assertThat(where).isNotNull();
    var cachedBefore = spark.sparkContext().getPersistentRDDs().keySet();
    assertThatThrownBy(() -> new EmMixture().setK(1).fit(withNaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(where).hasMessageContaining("is NaN").hasMessageContaining("column 'features[0]'");
    // A failed fit leaves nothing cached either.
    assertThat(cachedBefore.$plus$plus(spark.sparkContext().getPersistentRDDs().keySet()).size())
        .as("persisted RDDs after a failed fit").isEqualTo(cachedBefore.size());
    // The family's own record check: poisson counts are integers >= 0.
    Dataset<Row> negativeCount = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, -2), 1.0)),
        schema);
    assertThatThrownBy(() -> new EmMixture().setK(1).setFamily("poisson").fit(negativeCount))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'features[1]'")
        .hasMessageContaining("value -2.0");
    Dataset<Row> negative = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), -1.0)), schema);
    assertThatThrownBy(() -> new EmMixture().setK(1).setWeightCol("w").fit(negative))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new EmMixture().setK(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be >= 1, got 0");
    assertThatThrownBy(() -> new EmMixture().setFamily("binomial")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("family must be one of gaussian, bernoulli, poisson, multinomial, kmeans")
        .hasMessageContaining("use submit/em fit");
    assertThatThrownBy(() -> new EmMixture().setCovariance("ful")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("covariance must be one of full, diag, tied, spherical; got 'ful'");
    assertThatThrownBy(() -> new EmMixture().setTol(Double.NaN))
        .hasMessage("tol must be a finite number >= 0, got NaN");
    assertThatThrownBy(() -> new EmMixture().setRegCovar(-1)).hasMessageContaining("regCovar must be");
    assertThatThrownBy(() -> new EmMixture().setRestarts(0)).hasMessage("restarts must be >= 1, got 0");
    assertThatThrownBy(() -> new EmMixture().setMaxIter(-1)).hasMessage("maxIter must be >= 0, got -1");
    assertThatThrownBy(() -> new EmMixture().setInit("kmeans"))
        .hasMessageContaining("init must be kmeans++, random or model:PATH");
    assertThatThrownBy(() -> new EmMixture().setAccelerate("fast"))
        .hasMessage("accelerate must be none or squarem; got 'fast'");
    // Params set through a ParamMap bypass the setters; Spark's own validators still refuse them.
    EmMixture viaMap = new EmMixture();
    assertThatThrownBy(() -> viaMap.fit(withNaN, new org.apache.spark.ml.param.ParamMap().put(viaMap.k(), 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter k given invalid value 0");
    // A null vector or one of another size is a bad record, never silently truncated.
    // coalesce(1): one partition holding the rows in order, so the bad one is row 2 of partition 0.
    Dataset<Row> ragged = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
        RowFactory.create(Vectors.dense(3, 4, 5), 1.0)), schema).coalesce(1);
    assertThatThrownBy(() -> new EmMixture().setK(1).fit(ragged))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition 0, row 2")
        .hasMessageContaining("has 3 values but the column's vectors have 2");
    Dataset<Row> withNull = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
        RowFactory.create(null, 1.0)), schema);
    assertThatThrownBy(() -> new EmMixture().setK(1).fit(withNull)).hasMessageContaining("missing (null)");
    Dataset<Row> empty = spark.createDataFrame(List.of(), schema);
    assertThatThrownBy(() -> new EmMixture().setK(1).fit(empty)).hasMessageContaining("has no vectors");
    Dataset<Row> twoDistinct = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
        RowFactory.create(Vectors.dense(1, 2), 1.0), RowFactory.create(Vectors.dense(3, 2), 1.0)), schema);
    assertThatThrownBy(() -> new EmMixture().setK(3).fit(twoDistinct))
        .hasMessageContaining("k = 3 is larger than the number of distinct records (2)");
    // A starting model must match k, the family and the dimension.
    EmMixtureModel one = new EmMixture().setK(1).fit(twoDistinct);
    Path saved = Data.write(dir.resolve("one.json"), one.toJson());
    assertThatThrownBy(() -> new EmMixture().setK(2).setInit("model:" + saved).fit(twoDistinct))
        .hasMessageContaining("the model has k = 1 but k is 2");
    assertThatThrownBy(() -> new EmMixture().setK(1).setFamily("poisson").setInit("model:" + saved).fit(twoDistinct))
        .hasMessageContaining("the model's family is 'gaussian' but family is 'poisson'");
    Dataset<Row> threeD = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3), 1.0)), schema);
    assertThatThrownBy(() -> new EmMixture().setK(1).setInit("model:" + saved).fit(threeD))
        .hasMessageContaining("the model has dimension 2 but column 'features' holds vectors of 3 values");
    assertThatThrownBy(() -> new EmMixture().setK(1).setInit("model:" + dir.resolve("absent.json")).fit(threeD))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> new EmMixture().setFeaturesCol("w").fit(negative))
        .hasMessageContaining("must be an ml Vector");
    assertThatThrownBy(() -> new EmMixture().setFeaturesCol("nope").fit(negative))
        .hasMessageContaining("'nope' does not exist");
  }
}
