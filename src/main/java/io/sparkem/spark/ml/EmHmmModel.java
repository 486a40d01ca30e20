package io.sparkem.spark.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.Model;
import io.sparkem.family.hmm.HiddenMarkovModel;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.fit.ModelJson;
import io.sparkem.spark.SequenceColumns;
import io.sparkem.spark.SequencePredictor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link EmHmm}: θ as model.json (the file {@code submit/em fit --family hmm} writes, so
 * {@code submit/em predict --model} reads what this model saves). {@link #transform} groups the
 * rows by sequence, orders them and adds {@code predictionCol} (the Viterbi state, an int) and
 * {@code probabilityCol} (the posterior state probabilities γ_t, an ml Vector) and
 * {@code logDensityCol} (log p(x_t | x_0..x_{t−1}), which adds up to the sequence's log P; an empty
 * name leaves it out), as {@code predict} does; rows come out sequence by sequence, in order.
 */
public final class EmHmmModel extends org.apache.spark.ml.Model<EmHmmModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final String modelJson;
  private final Param<String> featuresCol;
  private final Param<String> sequenceCol;
  private final Param<String> orderCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> logDensityCol;
  private transient JsonNode root;

  EmHmmModel(String uid, String modelJson) {
    this.uid = uid;
    this.modelJson = modelJson;
    featuresCol = EmMixtureModel.stringParam(this, "featuresCol", "emission column (ml Vector)");
    sequenceCol = EmMixtureModel.stringParam(this, "sequenceCol", "column naming each record's sequence");
    orderCol = EmMixtureModel.stringParam(this, "orderCol", "numeric column ordering records within a sequence");
    predictionCol = EmMixtureModel.stringParam(this, "predictionCol", "Viterbi state column name");
    probabilityCol = EmMixtureModel.stringParam(this, "probabilityCol", "posterior state probabilities column name");
    setDefault(featuresCol, "features");
    setDefault(sequenceCol, json().path("sequenceCol").asText("sequence"));
    setDefault(orderCol, json().path("orderCol").asText("order"));
    setDefault(predictionCol, "state");
    logDensityCol = EmMixtureModel.stringParam(this, "logDensityCol", "column of log p(x_t | x_0..x_{t-1}); empty: "
        + "no such column");
    setDefault(probabilityCol, "probability");
    setDefault(logDensityCol, "logDensity");
    if (!"hmm".equals(json().path("family").asText())) {
      throw new IllegalArgumentException("model.json is of family '" + json().path("family").asText()
          + "', not hmm; load it with EmMixtureModel");
    }
    theta(); // fails here, not at transform time, on a model.json the family cannot read
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Param: the features column that {@code transform} reads, an ml {@code Vector}; default "features". */
  public Param<String> featuresCol() { return featuresCol; }
  /** Param: the column naming each record's sequence; default the model's {@code sequenceCol}. */
  public Param<String> sequenceCol() { return sequenceCol; }
  /** Param: the column ordering the records of a sequence; default the model's {@code orderCol}. */
  public Param<String> orderCol() { return orderCol; }
  /** Param: the output column of the most probable component (an int); default "state". */
  public Param<String> predictionCol() { return predictionCol; }
  /** Param: the output column of the posterior probabilities (an ml {@code Vector}); default "probability". */
  public Param<String> probabilityCol() { return probabilityCol; }
  /** The value of {@link #featuresCol()}. */
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  /** The value of {@link #sequenceCol()}. */
  public String getSequenceCol() { return getOrDefault(sequenceCol); }
  /** The value of {@link #orderCol()}. */
  public String getOrderCol() { return getOrDefault(orderCol); }
  /** The value of {@link #predictionCol()}. */
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  /** The value of {@link #probabilityCol()}. */
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  /** Sets {@link #featuresCol()}. */
  public EmHmmModel setFeaturesCol(String value) { set(featuresCol, value); return this; }
  /** Sets {@link #sequenceCol()}. */
  public EmHmmModel setSequenceCol(String value) { set(sequenceCol, value); return this; }
  /** Sets {@link #orderCol()}. */
  public EmHmmModel setOrderCol(String value) { set(orderCol, value); return this; }
  /** Sets {@link #predictionCol()}. */
  public EmHmmModel setPredictionCol(String value) { set(predictionCol, value); return this; }
  /** Sets {@link #probabilityCol()}. */
  public EmHmmModel setProbabilityCol(String value) { set(probabilityCol, value); return this; }
  /** Param: the output column of log p(x_t | x_0..x_{t-1}) (a double); empty: no such column; default "logDensity". */
  public Param<String> logDensityCol() { return logDensityCol; }
  /** The value of {@link #logDensityCol()}. */
  public String getLogDensityCol() { return getOrDefault(logDensityCol); }

  /** The log-density column's name; empty (or null) leaves it out. */
  public EmHmmModel setLogDensityCol(String value) {
    set(logDensityCol, value == null ? "" : value);
    return this;
  }

  /** model.json, as {@code submit/em fit --family hmm} writes it. */
  public String toJson() {
    return modelJson;
  }

  /** The number of components (hidden states of an HMM). */
  public int k() {
    return json().path("k").asInt();
  }

  /** The start probabilities, the transition matrix and the emission parameters of each state. */
  public HiddenMarkovModel<?> theta() {
    return ModelJson.model(family(), json(), "model.json", -1);
  }

  /** The fit's log-likelihood: the sum over sequences of log P(sequence). */
  public double logLikelihood() {
    return json().path("logLikelihood").asDouble();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    EmMixtureModel.checkVectorColumn(schema, getFeaturesCol());
    EmEstimator.field(schema, getSequenceCol());
    EmEstimator.field(schema, getOrderCol());
    return EmMixtureModel.outputSchema(schema, getPredictionCol(), getProbabilityCol(), getLogDensityCol());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    return score(family(), dataset);
  }

  private <E extends Model> Dataset<Row> score(HmmFamily<E> family, Dataset<?> dataset) {
    HiddenMarkovModel<E> theta = ModelJson.model(family, json(), "model.json", -1);
    SequenceColumns columns = SequenceColumns.of(getSequenceCol(), getOrderCol(), family.readsSymbols())
        .withAlphabet(family.alphabet().orElse(null));
    return SequencePredictor.score(dataset, getFeaturesCol(), family.recordCheck(), columns,
        family.eStep(theta), getPredictionCol(), getProbabilityCol(), getLogDensityCol());
  }

  /** The family of model.json, as {@code predict} builds it: emission, covariance and alphabet. */
  @SuppressWarnings("unchecked")
  private HmmFamily<?> family() {
    return (HmmFamily<?>) ModelJson.family(json(), "model.json");
  }

  private JsonNode json() {
    if (root == null) {
      root = ModelJson.parse(new ByteArrayInputStream(modelJson.getBytes(StandardCharsets.UTF_8)), "model.json");
    }
    return root;
  }

  @Override
  public EmHmmModel copy(ParamMap extra) {
    EmHmmModel copy = new EmHmmModel(uid, modelJson);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return ModelJsonStore.writer(this, modelJson);
  }

  /** The reader of a saved model: model.json in {@code path/data/model.json}. */
  public static MLReader<EmHmmModel> read() {
    return ModelJsonStore.reader(EmHmmModel.class, EmHmmModel::new);
  }

  /** Loads what {@code write().save(path)} saved. */
  public static EmHmmModel load(String path) {
    return read().load(path);
  }
}
