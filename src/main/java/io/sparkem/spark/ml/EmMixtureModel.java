package io.sparkem.spark.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.Model;
import io.sparkem.fit.ModelJson;
import io.sparkem.spark.ChunkedRows;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link EmMixture}: θ as model.json (the very file {@code submit/em fit} writes, so
 * {@code submit/em predict --model} and {@code --init model:PATH} read what this model saves).
 * {@link #transform} adds {@code predictionCol} (the most probable component, an int) and
 * {@code probabilityCol} (the k posterior probabilities, an ml Vector), as MLlib's
 * GaussianMixtureModel does.
 */
public final class EmMixtureModel extends org.apache.spark.ml.Model<EmMixtureModel> implements MLWritable {

  private static final long serialVersionUID = 1L;
  private static final int CHUNK = 1024;

  private final String uid;
  private final String modelJson;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private transient JsonNode root;

  EmMixtureModel(String uid, String modelJson) {
    this.uid = uid;
    this.modelJson = modelJson;
    featuresCol = stringParam(this, "featuresCol", "features column (ml Vector)");
    predictionCol = stringParam(this, "predictionCol", "prediction column name");
    probabilityCol = stringParam(this, "probabilityCol", "posterior probabilities column name");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    json(); // fails here, not at transform time, on a model.json this family cannot read
  }

  static Param<String> stringParam(Identifiable parent, String name, String doc) {
    return new Param<>(parent, name, doc);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> predictionCol() { return predictionCol; }
  public Param<String> probabilityCol() { return probabilityCol; }
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  public EmMixtureModel setFeaturesCol(String value) { set(featuresCol, value); return this; }
  public EmMixtureModel setPredictionCol(String value) { set(predictionCol, value); return this; }
  public EmMixtureModel setProbabilityCol(String value) { set(probabilityCol, value); return this; }

  /** model.json, as {@code submit/em fit} writes it. */
  public String toJson() {
    return modelJson;
  }

  public int k() {
    return json().path("k").asInt();
  }

  public int dimension() {
    return json().path("dimension").asInt();
  }

  /** The mixing weights. */
  public double[] weights() {
    double[] w = new double[k()];
    for (int j = 0; j < w.length; j++) {
      w[j] = json().path("components").get(j).path("weight").asDouble();
    }
    return w;
  }

  /** θ as spark-em's own parameter object (e.g. a GaussianMixture with means and covariances). */
  public Model theta() {
    return ModelJson.model(family(), json(), "model.json", -1);
  }

  /** Log-likelihood, trace, iterations, convergence and information criteria of the fit. */
  public EmMixtureSummary summary() {
    JsonNode j = json();
    List<Double> trace = new ArrayList<>();
    j.path("trace").forEach(t -> trace.add(t.path("logLikelihood").asDouble()));
    return new EmMixtureSummary(j.path("logLikelihood").asDouble(), trace, j.path("iterations").asInt(),
        j.path("converged").asBoolean(), j.path("bic").asDouble(), j.path("aic").asDouble(),
        j.path("parameters").asInt(), j.path("records").asLong());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    checkVectorColumn(schema, getFeaturesCol());
    return outputSchema(schema, getPredictionCol(), getProbabilityCol());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    Dataset<Row> frame = dataset.toDF();
    int column = frame.schema().fieldIndex(getFeaturesCol());
    int d = dimension();
    MixtureEStep step = eStep();
    JavaRDD<Row> scored = frame.javaRDD().mapPartitions(rows -> new Scorer(rows, column, d, step));
    return frame.sparkSession().createDataFrame(scored, out);
  }

  private <M extends Model> MixtureEStep eStep(Family<M> family) {
    EStep step = family.eStep(ModelJson.model(family, json(), "model.json", -1));
    if (!(step instanceof MixtureEStep mixture)) {
      throw new IllegalStateException("family " + family.name() + " has no per-record posteriors");
    }
    return mixture;
  }

  private MixtureEStep eStep() {
    return eStep(family());
  }

  private Family<?> family() {
    return ModelJson.family(json(), "model.json");
  }

  private JsonNode json() {
    if (root == null) {
      root = ModelJson.parse(new ByteArrayInputStream(modelJson.getBytes(StandardCharsets.UTF_8)), "model.json");
    }
    return root;
  }

  static void checkVectorColumn(StructType schema, String name) {
    var type = EmEstimator.field(schema, name).dataType();
    if (!(type instanceof VectorUDT)) {
      throw new IllegalArgumentException("column '" + name + "' must be an ml Vector (e.g. from "
          + "VectorAssembler), got " + type.simpleString());
    }
  }

  static StructType outputSchema(StructType schema, String prediction, String probability) {
    for (String name : List.of(prediction, probability)) {
      if (Arrays.asList(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("output column '" + name + "' already exists; set another name");
      }
    }
    return schema.add(prediction, DataTypes.IntegerType, false).add(probability, SQLDataTypes.VectorType(), false);
  }

  @Override
  public EmMixtureModel copy(ParamMap extra) {
    EmMixtureModel copy = new EmMixtureModel(uid, modelJson);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return ModelJsonStore.writer(this, modelJson);
  }

  public static MLReader<EmMixtureModel> read() {
    return ModelJsonStore.reader(EmMixtureModel.class, EmMixtureModel::new);
  }

  public static EmMixtureModel load(String path) {
    return read().load(path);
  }

  /** Scores rows in chunks of {@value #CHUNK}, each chunk one block through the family's E-step. */
  private static final class Scorer extends ChunkedRows {
    private final int column;
    private final int d;
    private final MixtureEStep step;

    Scorer(Iterator<Row> rows, int column, int d, MixtureEStep step) {
      super(rows);
      this.column = column;
      this.d = d;
      this.step = step;
    }

    @Override
    protected void fill(Iterator<Row> rows, List<Row> pending) {
      List<Row> in = new ArrayList<>(CHUNK);
      double[] x = new double[CHUNK * d];
      while (in.size() < CHUNK && rows.hasNext()) {
        Row r = rows.next();
        Vector v = (Vector) r.get(column);
        if (v == null || v.size() != d) {
          throw new IllegalArgumentException("a features vector has " + (v == null ? "no value" : v.size()
              + " values") + " but the model has " + d + " features");
        }
        for (int c = 0; c < d; c++) {
          double value = v.apply(c);
          if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a features vector holds " + value + " at index " + c
                + "; EM needs finite numbers");
          }
          x[in.size() * d + c] = value;
        }
        in.add(r);
      }
      int n = in.size();
      double[] w = new double[n];
      Arrays.fill(w, 1.0);
      int k = step.k();
      double[] p = new double[Math.max(n, 1) * k];
      step.posteriors(new Block(n, d, Arrays.copyOf(x, n * d), w), p, false);
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int j = 1; j < k; j++) {
          if (p[i * k + j] > p[i * k + best]) {
            best = j;
          }
        }
        Row r = in.get(i);
        Object[] values = new Object[r.size() + 2];
        for (int c = 0; c < r.size(); c++) {
          values[c] = r.get(c);
        }
        values[r.size()] = best;
        values[r.size() + 1] = Vectors.dense(Arrays.copyOfRange(p, i * k, i * k + k));
        pending.add(RowFactory.create(values));
      }
    }
  }
}
