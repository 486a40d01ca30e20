package io.sparkem.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.family.hmm.Casino;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.ModelContract;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HMM estimator on the occasionally dishonest casino (Durbin et al. 1998, §3.2): the same θ as
 * {@code fit --family hmm} on the same rolls written as CSV, the same Viterbi states and posteriors
 * as {@code predict}, a non-decreasing log-likelihood, and a save/load round trip.
 *
 * <p>Longer than 300 lines: every case shares one casino data set and its CLI fit, made once.
 */
class EmHmmTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SEQUENCES = 40;
  private static final int LENGTH = 150;

  /** seq, t, roll, die as CSV lines, and the same rolls as a Dataset (features = a 1-value Vector). */
  private static List<String> lines(List<Casino.Sequence> seqs) {
    List<String> lines = new ArrayList<>();
    for (int s = 0; s < seqs.size(); s++) {
      for (int t = 0; t < seqs.get(s).rolls().length; t++) {
        lines.add("s" + s + "," + t + "," + seqs.get(s).rolls()[t] + "," + seqs.get(s).dice()[t]);
      }
    }
    return lines;
  }

  private static Dataset<Row> frame(List<Casino.Sequence> seqs) {
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < seqs.size(); s++) {
      for (int t = 0; t < seqs.get(s).rolls().length; t++) {
        rows.add(RowFactory.create("s" + s, t, Vectors.dense(seqs.get(s).rolls()[t])));
      }
    }
    StructType schema = new StructType().add("seq", DataTypes.StringType, false)
        .add("t", DataTypes.IntegerType, false).add("features", new VectorUDT(), false);
    return SparkTest.spark().createDataFrame(rows, schema);
  }

  private static EmHmm estimator() {
    return new EmHmm().setK(2).setEmission("categorical").setSequenceCol("seq").setOrderCol("t")
        .setSeed(5).setTol(1e-8).setRestarts(2);
  }

  @Test
  void fitsAndDecodesAsTheCommandLineDoes() throws Exception {
    List<Casino.Sequence> seqs = Casino.generate(SEQUENCES, LENGTH, 1998);
    Path csv = Data.write(dir.resolve("casino.csv"), "seq,t,roll,die\n" + String.join("\n", lines(seqs)) + "\n");
    Path cliOut = dir.resolve("cli");
    Cli.Run run = Cli.run("fit", "--input", csv.toString(), "--output", cliOut.toString(), "--family", "hmm",
        "--emission", "categorical", "--sequence-col", "seq", "--order-col", "t", "--features", "roll",
        "--k", "2", "--seed", "5", "--tol", "1e-8", "--restarts", "2");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode cli = JSON.readTree(cliOut.resolve("model.json").toFile());

    // The Dataset as a pipeline would build it: VectorAssembler turns the roll column into features.
    Dataset<Row> rolls = new org.apache.spark.ml.feature.VectorAssembler().setInputCols(new String[] {"roll"})
        .setOutputCol("features").transform(frame(seqs).withColumn("roll",
            org.apache.spark.ml.functions.vector_to_array(org.apache.spark.sql.functions.col("features"), "float64")
                .getItem(0)).drop("features"));
    EmHmmModel model = estimator().fit(rolls);
    ModelContract.assertValidJson(model.toJson());
    JsonNode ml = JSON.readTree(model.toJson());

    // The same θ: start, transitions and the six face probabilities of each state.
    assertThat(ml.path("family").asText()).isEqualTo("hmm");
    assertThat(ml.path("alphabet").toString()).isEqualTo(cli.path("alphabet").toString());
    assertThat(ml.path("features").toString()).isEqualTo(cli.path("features").toString()); // ["roll"]
    assertThat(ml.path("iterations").asInt()).isEqualTo(cli.path("iterations").asInt());
    assertThat(ml.path("sequences").asLong()).isEqualTo(SEQUENCES);
    assertThat(ml.path("logLikelihood").asDouble()).isCloseTo(cli.path("logLikelihood").asDouble(),
        within(1e-9 * Math.abs(cli.path("logLikelihood").asDouble())));
    for (int i = 0; i < 2; i++) {
      assertThat(ml.path("start").get(i).asDouble()).isCloseTo(cli.path("start").get(i).asDouble(), within(1e-9));
      for (int j = 0; j < 2; j++) {
        assertThat(ml.path("transitions").get(i).get(j).asDouble())
            .as("transition %d→%d", i, j).isCloseTo(cli.path("transitions").get(i).get(j).asDouble(), within(1e-9));
      }
      for (int a = 0; a < 6; a++) {
        assertThat(ml.path("components").get(i).path("p").get(a).asDouble()).as("state %d face %d", i, a + 1)
            .isCloseTo(cli.path("components").get(i).path("p").get(a).asDouble(), within(1e-9));
      }
    }
    // EM never lowers the log-likelihood (an invariant independent of the implementation).
    JsonNode trace = ml.path("trace");
    for (int e = 1; e < trace.size(); e++) {
      assertThat(trace.get(e).path("logLikelihood").asDouble())
          .isGreaterThanOrEqualTo(trace.get(e - 1).path("logLikelihood").asDouble() - 1e-9);
    }
    // The loaded die is found: one state shows six far more often than 1/6 (truth: 1/2).
    double six0 = ml.path("components").get(0).path("p").get(5).asDouble();
    double six1 = ml.path("components").get(1).path("p").get(5).asDouble();
    assertThat(Math.max(six0, six1)).isGreaterThan(0.3);

    // transform's state and posteriors equal predict's, row by row.
    Path scored = dir.resolve("scored");
    Cli.Run predict = Cli.run("predict", "--model", cliOut.toString(), "--input", csv.toString(),
        "--output", scored.toString());
    assertThat(predict.code()).as(predict.err()).isZero();
    Map<String, Row> byKey = new HashMap<>();
    for (Row r : SparkTest.spark().read().parquet(scored.toString()).collectAsList()) {
      byKey.put(r.getString(0) + "/" + r.getString(1), r);
    }
    Dataset<Row> out = model.transform(rolls);
    assertThat(out.columns()).containsExactly("seq", "t", "roll", "features", "state", "probability", "logDensity");
    List<Row> rows = out.collectAsList();
    assertThat(rows).hasSize(SEQUENCES * LENGTH);
    assertThat(byKey).hasSize(SEQUENCES * LENGTH);
    for (Row r : rows) {
      Row p = byKey.get(r.getString(0) + "/" + r.getInt(1));
      assertThat(p).as("predict row for %s/%d", r.getString(0), r.getInt(1)).isNotNull();
      assertThat(r.getInt(4)).as("state of %s/%d", r.getString(0), r.getInt(1)).isEqualTo(p.getInt(4));
      Vector gamma = (Vector) r.get(5);
      List<Double> theirs = p.getList(5);
      assertThat(gamma.apply(0) + gamma.apply(1)).isCloseTo(1.0, within(1e-12));
      for (int j = 0; j < 2; j++) {
        assertThat(gamma.apply(j)).isCloseTo(theirs.get(j), within(1e-9));
      }
    }

    // Save/load: the same model.json, params and states; predict reads the saved file too.
    Path saved = dir.resolve("saved");
    model.write().overwrite().save(saved.toString());
    EmHmmModel loaded = EmHmmModel.load(saved.toString());
    assertThat(loaded.toJson()).isEqualTo(model.toJson());
    assertThat(loaded.getSequenceCol()).isEqualTo("seq");
    assertThat(loaded.getPredictionCol()).isEqualTo("state");
    List<Row> again = loaded.transform(rolls).collectAsList();
    Map<String, Integer> states = new HashMap<>();
    rows.forEach(r -> states.put(r.getString(0) + "/" + r.getInt(1), r.getInt(4)));
    for (Row r : again) {
      assertThat(r.getInt(4)).isEqualTo(states.get(r.getString(0) + "/" + r.getInt(1)));
    }
    // submit/em predict reads the saved model.json and decodes the CSV as transform decoded the Dataset.
    Path fromSaved = dir.resolve("scored-from-saved");
    Cli.Run predictSaved = Cli.run("predict", "--model", saved.resolve("data/model.json").toString(),
        "--input", csv.toString(), "--output", fromSaved.toString());
    assertThat(predictSaved.code()).as(predictSaved.err()).isZero();
    List<Row> savedRows = SparkTest.spark().read().parquet(fromSaved.toString()).collectAsList();
    assertThat(savedRows).hasSize(SEQUENCES * LENGTH);
    for (Row r : savedRows) {
      assertThat(r.getInt(4)).isEqualTo(states.get(r.getString(0) + "/" + r.getString(1)));
    }
    estimator().write().overwrite().save(dir.resolve("estimator").toString());
    EmHmm back = EmHmm.load(dir.resolve("estimator").toString());
    assertThat(back.getEmission()).isEqualTo("categorical");
    assertThat(back.getSeed()).isEqualTo(5L);
  }

  @Test
  void repeatedOrderValueIsNamed() {
    List<Row> rows = List.of(RowFactory.create("a", 0, Vectors.dense(1)), RowFactory.create("a", 0, Vectors.dense(2)),
        RowFactory.create("a", 1, Vectors.dense(3)));
    StructType schema = new StructType().add("seq", DataTypes.StringType, false)
        .add("t", DataTypes.IntegerType, false).add("features", new VectorUDT(), false);
    Dataset<Row> frame = SparkTest.spark().createDataFrame(rows, schema);
    assertThatThrownBy(() -> estimator().setRestarts(1).fit(frame))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order value 0 repeats within sequence 'a'");
    assertThatThrownBy(() -> new EmHmm().setEmission("zipf")).hasMessageContaining("emission must be one of");
  }

  /** The EmHmm example of docs/spark-ml.md, run as printed (the next test checks the page shows this code). */
  @Test
  void theDocsSnippetRuns() throws Exception {
    Dataset<Row> rolls = frame(Casino.generate(30, 200, 7));
    // DOCS:begin
    // rolls: columns seq (string), t (int), features (a 1-value Vector holding the roll 1..6)
    EmHmm hmm = new EmHmm().setK(2).setEmission("categorical")
        .setSequenceCol("seq").setOrderCol("t").setSeed(5);
    EmHmmModel model = hmm.fit(rolls);
    model.transform(rolls).select("seq", "t", "state", "probability").show(5);
    System.out.println(model.toJson());          // start, transitions, components[i].p, alphabet
    model.write().overwrite().save("target/casino-hmm");
    EmHmmModel again = EmHmmModel.load("target/casino-hmm");
    // DOCS:end
    assertThat(again.toJson()).isEqualTo(model.toJson());
    // Rows of each state's six-probability sum to 1 and the transition rows too (a valid θ).
    JsonNode theta = JSON.readTree(model.toJson());
    for (int i = 0; i < 2; i++) {
      double rowSum = theta.path("transitions").get(i).get(0).asDouble() + theta.path("transitions").get(i).get(1).asDouble();
      assertThat(rowSum).isCloseTo(1.0, within(1e-12));
      double faces = 0;
      for (JsonNode p : theta.path("components").get(i).path("p")) {
        faces += p.asDouble();
      }
      assertThat(faces).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void theDocsShowExactlyThisCode() throws Exception {
    assertThat(io.sparkem.docs.DocSnippets.block(Path.of("docs/spark-ml.md"), "## Hidden Markov models: `EmHmm`", "java"))
        .isEqualTo(io.sparkem.docs.DocSnippets.tested(Path.of("src/test/java/io/sparkem/spark/ml/EmHmmTest.java")));
  }

  /**
   * Gaussian emissions in 2-D (the Vector's two values become two emission columns): the same θ as
   * {@code fit --family hmm --emission gaussian --features x,y --covariance diag} on the same rows.
   */
  @Test
  void gaussianEmissionsInTwoDimensionsMatchTheCommandLine() throws Exception {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(31);
    double[][] means = {{0, 0}, {3, 1}};
    List<String> lines = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      int state = rng.nextInt(2);
      for (int t = 0; t < 100; t++) {
        if (t > 0 && rng.nextDouble() < 0.1) {
          state = 1 - state;
        }
        double x = means[state][0] + rng.nextGaussian();
        double y = means[state][1] + 0.5 * rng.nextGaussian();
        lines.add("g" + s + "," + t + "," + x + "," + y);
        rows.add(RowFactory.create("g" + s, t, Vectors.dense(x, y)));
      }
    }
    Path csv = Data.write(dir.resolve("gauss.csv"), "seq,t,x,y\n" + String.join("\n", lines) + "\n");
    Path cliOut = dir.resolve("gauss-cli");
    Cli.Run run = Cli.run("fit", "--input", csv.toString(), "--output", cliOut.toString(), "--family", "hmm",
        "--emission", "gaussian", "--covariance", "diag", "--sequence-col", "seq", "--order-col", "t",
        "--features", "x,y", "--k", "2", "--seed", "3");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode cli = JSON.readTree(cliOut.resolve("model.json").toFile());
    StructType schema = new StructType().add("seq", DataTypes.StringType, false)
        .add("t", DataTypes.IntegerType, false).add("features", new VectorUDT(), false);
    EmHmmModel model = new EmHmm().setK(2).setEmission("gaussian").setCovariance("diag").setSequenceCol("seq")
        .setOrderCol("t").setSeed(3).fit(SparkTest.spark().createDataFrame(rows, schema));
    JsonNode ml = JSON.readTree(model.toJson());
    assertThat(ml.path("iterations").asInt()).isEqualTo(cli.path("iterations").asInt());
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(ml.path("transitions").get(i).get(j).asDouble())
            .isCloseTo(cli.path("transitions").get(i).get(j).asDouble(), within(1e-9));
      }
      for (int c = 0; c < 2; c++) {
        assertThat(ml.path("components").get(i).path("mean").get(c).asDouble())
            .isCloseTo(cli.path("components").get(i).path("mean").get(c).asDouble(), within(1e-9));
      }
    }
    // And both found the generating means (sorted by x: (0, 0) and (3, 1)), within sampling error.
    double[][] found = new double[2][];
    for (int i = 0; i < 2; i++) {
      JsonNode m = ml.path("components").get(i).path("mean");
      found[i] = new double[] {m.get(0).asDouble(), m.get(1).asDouble()};
    }
    java.util.Arrays.sort(found, java.util.Comparator.comparingDouble(m -> m[0]));
    assertThat(found[0][0]).isCloseTo(0, within(0.2));
    assertThat(found[0][1]).isCloseTo(0, within(0.2));
    assertThat(found[1][0]).isCloseTo(3, within(0.2));
    assertThat(found[1][1]).isCloseTo(1, within(0.2));
  }

  /** transform is lazy: a symbol outside the alphabet fails the action, the problem named in a cause. */
  @Test
  void unknownSymbolFailsTheTransformAction() {
    EmHmmModel model = estimator().setRestarts(1).fit(frame(Casino.generate(5, 50, 3)));
    List<Row> rows = List.of(RowFactory.create("x", 0, Vectors.dense(7)));
    StructType schema = new StructType().add("seq", DataTypes.StringType, false)
        .add("t", DataTypes.IntegerType, false).add("features", new VectorUDT(), false);
    Dataset<Row> bad = model.transform(SparkTest.spark().createDataFrame(rows, schema));
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(bad::collectAsList);
    assertThat(thrown).isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable c = thrown; c != null && messages.length() < 100_000; c = c.getCause()) {
      messages.append(c.getMessage()).append('\n');
    }
    assertThat(messages.toString()).contains("symbol '7' is not in the model's alphabet");
  }
}
