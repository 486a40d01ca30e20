package io.sparkem.spark.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.MissingValues;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.fit.ModelJson;
import io.sparkem.fit.Records;
import io.sparkem.fit.SavedModel;
import io.sparkem.fit.Scoring;
import io.sparkem.fit.Wording;
import io.sparkem.registry.Capability;
import io.sparkem.registry.Families;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link EmMixture}: θ as model.json (the very file {@code submit/em fit} writes, so
 * {@code submit/em predict --model} and {@code --init model:PATH} read what this model saves).
 * {@link #transform} adds {@code predictionCol} (the most probable component, an int) and
 * {@code probabilityCol} (the k posterior probabilities, an ml Vector), as MLlib's
 * GaussianMixtureModel does, and {@code logDensityCol} (log p(x | θ), a double, as scikit-learn's
 * {@code score_samples}; an empty name leaves it out, and k-means, which has no density, never has
 * it). With {@code missing = "marginalize"} NaN cells are integrated out of all three.
 * A mixture of regressions reads {@code labelCol} as well (by default the response column it was
 * fitted with): its posteriors are those given x and y, its log-density log p(y | x).
 * {@link #score} is {@code submit/em score}; {@link #summary} holds the fit's numbers.
 *
 * <p>Longer than 300 lines: Spark ML's Model contract (params, copy, transform, schema, writer and
 * reader) has to live on this one class.
 */
public final class EmMixtureModel extends org.apache.spark.ml.Model<EmMixtureModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final String modelJson;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> labelCol;
  private final Param<String> logDensityCol;
  private final Param<String> missing;
  private transient JsonNode root;

  EmMixtureModel(String uid, String modelJson) {
    this.uid = uid;
    this.modelJson = modelJson;
    featuresCol = stringParam(this, "featuresCol", "features column (ml Vector)");
    predictionCol = stringParam(this, "predictionCol", "prediction column name");
    probabilityCol = stringParam(this, "probabilityCol", "posterior probabilities column name");
    logDensityCol = stringParam(this, "logDensityCol", "log-density column name; empty: no such column");
    missing = stringParam(this, "missing", "fail (a NaN feature is bad input) | marginalize (NaN cells are "
        + "integrated out)");
    setDefault(featuresCol, "features");
    labelCol = stringParam(this, "labelCol", "regression: the response column (default: the one fitted with)");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(logDensityCol, "logDensity");
    setDefault(missing, "fail");
    json(); // fails here, not at transform time, on a model.json this family cannot read
    setDefault(labelCol, json().path("labelCol").asText("label"));
  }

  static Param<String> stringParam(Identifiable parent, String name, String doc) {
    return new Param<>(parent, name, doc);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Param: the features column that {@code transform} reads, an ml {@code Vector}; default "features". */
  public Param<String> featuresCol() { return featuresCol; }
  /** Param: the output column of the most probable component (an int); default "prediction". */
  public Param<String> predictionCol() { return predictionCol; }
  /** Param: the output column of the posterior probabilities (an ml {@code Vector}); default "probability". */
  public Param<String> probabilityCol() { return probabilityCol; }
  /** Param: regression: the response column {@code transform} reads; default the model's {@code labelCol}. */
  public Param<String> labelCol() { return labelCol; }
  /** The value of {@link #featuresCol()}. */
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  /** The value of {@link #predictionCol()}. */
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  /** The value of {@link #probabilityCol()}. */
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  /** The value of {@link #labelCol()}. */
  public String getLabelCol() { return getOrDefault(labelCol); }
  /** Sets {@link #featuresCol()}. */
  public EmMixtureModel setFeaturesCol(String value) { set(featuresCol, value); return this; }
  /** Sets {@link #predictionCol()}. */
  public EmMixtureModel setPredictionCol(String value) { set(predictionCol, value); return this; }
  /** Sets {@link #probabilityCol()}. */
  public EmMixtureModel setProbabilityCol(String value) { set(probabilityCol, value); return this; }
  /** Sets {@link #labelCol()}. */
  public EmMixtureModel setLabelCol(String value) { set(labelCol, value); return this; }
  /** Param: the output column of log p(x | &theta;) (a double); empty: no such column; default "logDensity". */
  public Param<String> logDensityCol() { return logDensityCol; }
  /** Param: gaussian: "fail" (a NaN is bad input) or "marginalize" (NaN entries integrated out); default "fail". */
  public Param<String> missing() { return missing; }
  /** The value of {@link #logDensityCol()}. */
  public String getLogDensityCol() { return getOrDefault(logDensityCol); }
  /** The value of {@link #missing()}. */
  public String getMissing() { return getOrDefault(missing); }

  /** The log-density column's name; empty (or null) leaves the column out. */
  public EmMixtureModel setLogDensityCol(String value) {
    set(logDensityCol, value == null ? "" : value);
    return this;
  }

  /** {@code "marginalize"}: NaN features are missing at random and integrated out (gaussian). */
  public EmMixtureModel setMissing(String value) {
    MissingValues.parse(value);
    set(missing, value);
    return this;
  }

  /** model.json, as {@code submit/em fit} writes it. */
  public String toJson() {
    return modelJson;
  }

  /** The number of components (hidden states of an HMM). */
  public int k() {
    return json().path("k").asInt();
  }

  /** The number of features. */
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
    Map<String, Double> quantiles = new LinkedHashMap<>();
    j.path("logDensityQuantiles").fields().forEachRemaining(e -> quantiles.put(e.getKey(), e.getValue().asDouble()));
    return new EmMixtureSummary(j.path("logLikelihood").asDouble(), trace, j.path("iterations").asInt(),
        j.path("converged").asBoolean(), j.path("bic").asDouble(), j.path("aic").asDouble(),
        j.path("parameters").asInt(), j.path("records").asLong(), quantiles,
        j.path("logDensityRankError").asDouble());
  }

  /** {@link #score(Dataset, String)} with every row weighing 1. */
  public EmMixtureScore score(Dataset<?> dataset) {
    return score(dataset, null);
  }

  /**
   * This model evaluated on {@code dataset}'s {@code featuresCol} without changing it, as
   * {@code submit/em score}: one pass of the fit's E-step. {@code weightCol} names a column of
   * record weights, or null. A bad value is an {@link IllegalArgumentException}.
   */
  public EmMixtureScore score(Dataset<?> dataset, String weightCol) {
    checkVectorColumn(dataset.schema(), getFeaturesCol());
    JsonNode r;
    try {
      r = Scoring.score(dataset.sparkSession(), new SavedModel(json(), "model.json"),
          new Records.Frame(dataset, getFeaturesCol(), weightCol, null, readsLabel() ? getLabelCol() : null),
          MissingValues.parse(getMissing()),
          Wording.sparkMl(getFeaturesCol()));
    } catch (UserError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Map<String, Double> quantiles = new LinkedHashMap<>();
    r.path("logDensityQuantiles").fields().forEachRemaining(e -> quantiles.put(e.getKey(), e.getValue().asDouble()));
    Map<String, Double> below = new LinkedHashMap<>();
    r.path("belowTrainingQuantile").fields().forEachRemaining(e -> below.put(e.getKey(), e.getValue().asDouble()));
    return new EmMixtureScore(r.path("records").asLong(), r.path("totalWeight").asDouble(),
        r.path("logLikelihood").asDouble(), r.path("meanLogLikelihood").asDouble(), quantiles,
        r.path("logDensityRankError").asDouble(), below, ModelJson.compact(r));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    checkVectorColumn(schema, getFeaturesCol());
    if (readsLabel()) {
      checkNumericColumn(schema, getLabelCol(), "labelCol");
    }
    return outputSchema(schema, getPredictionCol(), getProbabilityCol(), eStep().hasLogDensity() ? getLogDensityCol()
        : "");
  }

  /** Whether the model's records carry a response (a mixture of regressions). */
  private boolean readsLabel() {
    return json().has("labelCol");
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    Dataset<Row> frame = dataset.toDF();
    int column = frame.schema().fieldIndex(getFeaturesCol());
    int label = readsLabel() ? frame.schema().fieldIndex(getLabelCol()) : -1;
    int d = dimension();
    MixtureEStep step = eStep();
    boolean logDensity = step.hasLogDensity() && !getLogDensityCol().isEmpty();
    boolean marginalize = MissingValues.parse(getMissing()) == MissingValues.MARGINALIZE;
    JavaRDD<Row> scored = frame.javaRDD().mapPartitions(rows -> new MixtureScorer(rows, column, label, d, step,
        logDensity, marginalize));
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

  /** The model's family, reading missing cells as {@code missing} says (a family without them refuses). */
  private Family<?> family() {
    MissingValues m = MissingValues.parse(getMissing());
    String name = json().path("family").asText();
    if (m != MissingValues.FAIL && !Families.find(name).map(e -> e.supports(Capability.MISSING_VALUES))
        .orElse(false)) {
      throw new IllegalArgumentException("missing = " + m + " is for family " + String.join(" | ",
          Families.names(Capability.MISSING_VALUES)) + " only; this model's family is '" + name + "'");
    }
    return ModelJson.family(json(), "model.json", m);
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

  static void checkNumericColumn(StructType schema, String name, String param) {
    var type = EmEstimator.field(schema, name).dataType();
    if (!(type instanceof org.apache.spark.sql.types.NumericType)) {
      throw new IllegalArgumentException(param + " '" + name + "' must be numeric, got " + type.simpleString());
    }
  }

  static StructType outputSchema(StructType schema, String prediction, String probability) {
    return outputSchema(schema, prediction, probability, "");
  }

  /** The input schema with the prediction, probability and (unless {@code logDensity} is empty) log-density columns. */
  static StructType outputSchema(StructType schema, String prediction, String probability, String logDensity) {
    List<String> names = logDensity.isEmpty() ? List.of(prediction, probability)
        : List.of(prediction, probability, logDensity);
    for (String name : names) {
      if (Arrays.asList(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("output column '" + name + "' already exists; set another name");
      }
    }
    StructType out = schema.add(prediction, DataTypes.IntegerType, false)
        .add(probability, SQLDataTypes.VectorType(), false);
    return logDensity.isEmpty() ? out : out.add(logDensity, DataTypes.DoubleType, false);
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

  /** The reader of a saved model: model.json in {@code path/data/model.json}. */
  public static MLReader<EmMixtureModel> read() {
    return ModelJsonStore.reader(EmMixtureModel.class, EmMixtureModel::new);
  }

  /** Loads what {@code write().save(path)} saved. */
  public static EmMixtureModel load(String path) {
    return read().load(path);
  }
}
