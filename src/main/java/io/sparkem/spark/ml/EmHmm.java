package io.sparkem.spark.ml;

import io.sparkem.core.Accelerator;
import io.sparkem.core.MissingValues;
import io.sparkem.family.hmm.Emission;
import io.sparkem.fit.Init;
import io.sparkem.fit.Records;
import io.sparkem.fit.SequenceSettings;
import io.sparkem.registry.Families;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A hidden Markov model fitted by EM (Baum–Welch), as a Spark ML {@code Estimator}. Each row is one
 * record of a sequence: {@code sequenceCol} names the sequence, {@code orderCol} orders the records
 * within it, {@code featuresCol} (an ml Vector) holds the emission — for {@code emission =
 * "categorical"} a 1-value vector holding the symbol. {@link #fit} is the fit service's, the one
 * {@code submit/em fit --family hmm} runs (same grouping into cached sequence blocks, same
 * initialisation and EM loop), so the same data, seed and partitioning give the same θ.
 *
 * <pre>{@code
 * EmHmm hmm = new EmHmm().setK(2).setEmission("categorical").setSequenceCol("seq").setOrderCol("t");
 * EmHmmModel model = hmm.fit(rolls);      // columns seq, t, features (a 1-value Vector)
 * model.transform(rolls).show();          // + state (Viterbi), probability (posteriors)
 * }</pre>
 */
public final class EmHmm extends EmEstimator<EmHmm, EmHmmModel> {

  private static final long serialVersionUID = 1L;
  static final List<String> EMISSIONS = Arrays.stream(Emission.values()).map(Emission::cliName).toList();

  private final Param<String> sequenceCol;
  private final Param<String> orderCol;
  private final Param<String> emission;

  /** An estimator with a random uid and every param at its default. */
  public EmHmm() {
    this(Identifiable$.MODULE$.randomUID("emHmm"));
  }

  /** An estimator with the given uid (as Spark ML's readers create it) and every param at its default. */
  public EmHmm(String uid) {
    super(uid, "hidden states");
    sequenceCol = EmMixtureModel.stringParam(this, "sequenceCol", "column naming each record's sequence");
    orderCol = EmMixtureModel.stringParam(this, "orderCol", "numeric column ordering records within a sequence");
    emission = new Param<>(this, "emission", "emission family: " + String.join(" | ", EMISSIONS),
        ParamValidators.inArray(EMISSIONS.toArray(new String[0])));
    // The defaults are the CLI's (submit/em fit --family hmm).
    setDefault(sequenceCol, "sequence");
    setDefault(orderCol, "order");
    setDefault(emission, "gaussian");
    setDefault(predictionCol(), "state");
  }

  /** Param: the column naming each record's sequence (compared as text); default "sequence" ({@code --sequence-col}). */
  public Param<String> sequenceCol() { return sequenceCol; }
  /** Param: the numeric column ordering the records of a sequence (unique within it); default "order" ({@code --order-col}). */
  public Param<String> orderCol() { return orderCol; }
  /** Param: the emission family: "gaussian" (with covariance), "categorical", "poisson" or "bernoulli"; default "gaussian" ({@code --emission}). */
  public Param<String> emission() { return emission; }

  /** The value of {@link #sequenceCol()}. */
  public String getSequenceCol() { return getOrDefault(sequenceCol); }
  /** The value of {@link #orderCol()}. */
  public String getOrderCol() { return getOrDefault(orderCol); }
  /** The value of {@link #emission()}. */
  public String getEmission() { return getOrDefault(emission); }

  /** Sets {@link #sequenceCol()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public EmHmm setSequenceCol(String value) { return put(sequenceCol, value, named(value), "sequenceCol must name a column"); }
  /** Sets {@link #orderCol()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public EmHmm setOrderCol(String value) { return put(orderCol, value, named(value), "orderCol must name a column"); }

  /** Sets {@link #emission()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public EmHmm setEmission(String value) {
    return put(emission, value, EMISSIONS.contains(value), "emission must be one of " + String.join(", ", EMISSIONS)
        + "; got '" + value + "'");
  }

  private static boolean named(String column) {
    return column != null && !column.isEmpty();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    EmMixtureModel.checkVectorColumn(schema, getFeaturesCol());
    EmEstimator.field(schema, getSequenceCol());
    EmEstimator.field(schema, getOrderCol());
    return EmMixtureModel.outputSchema(schema, getPredictionCol(), getProbabilityCol(), getLogDensityCol());
  }

  @Override
  public EmHmmModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    String json = fitJson(dataset, settings(Families.find("hmm").orElseThrow(), Emission.parse(getEmission()),
        MissingValues.FAIL, Accelerator.NONE, 1.0, Init.KMEANS_PLUS_PLUS),
        new Records.Frame(dataset, getFeaturesCol(), null, new SequenceSettings(getSequenceCol(), getOrderCol())));
    EmHmmModel model = new EmHmmModel(uid(), json);
    copyValues(model, extractParamMap());
    return model.setParent(this);
  }

  /** The reader of a saved estimator (its params). */
  public static MLReader<EmHmm> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads what {@code write().save(path)} saved. */
  public static EmHmm load(String path) {
    return read().load(path);
  }
}
