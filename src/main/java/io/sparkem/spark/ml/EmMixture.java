package io.sparkem.spark.ml;

import io.sparkem.core.Accelerator;
import io.sparkem.core.MissingValues;
import io.sparkem.family.hmm.Emission;
import io.sparkem.fit.FitSettings;
import io.sparkem.fit.Init;
import io.sparkem.fit.Records;
import io.sparkem.fit.SavedModel;
import io.sparkem.registry.Capability;
import io.sparkem.registry.Families;
import io.sparkem.registry.FamilyEntry;
import io.sparkem.registry.RecordColumn;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A mixture model fitted by EM, as a Spark ML {@code Estimator}: the parameters of MLlib's
 * GaussianMixture ({@code k}, {@code maxIter}, {@code tol}, {@code seed}, {@code featuresCol},
 * {@code weightCol}, {@code predictionCol}, {@code probabilityCol}) plus spark-em's own
 * ({@code family}, {@code covariance}, {@code regCovar}, {@code restarts}, {@code init},
 * {@code accelerate}, {@code miniBatch}, {@code missing}), and for a family whose records carry a
 * response (regression) MLlib's {@code labelCol} and {@code fitIntercept}. {@link #fit} is the fit
 * service's, the one {@code submit/em fit} runs, so the same data, options and partitioning give the
 * same θ. Every registered family that declares {@link Capability#SPARK_ML} (records that are one
 * vector, and a label where the family needs one) fits.
 *
 * <pre>{@code
 * EmMixture em = new EmMixture().setK(3).setCovariance("diag").setSeed(7);
 * EmMixtureModel model = em.fit(vectors);          // a "features" Vector column
 * model.transform(vectors).show();                 // + prediction, probability
 *
 * new EmMixture().setFamily("regression").setLabelCol("price").setK(2).fit(rows);   // y | x mixture
 * }</pre>
 */
public final class EmMixture extends EmEstimator<EmMixture, EmMixtureModel> {

  private static final long serialVersionUID = 1L;
  private static final List<String> ACCELERATORS = Arrays.stream(Accelerator.values()).map(String::valueOf).toList();
  private static final List<String> MISSING = Arrays.stream(MissingValues.values()).map(String::valueOf).toList();

  private final Param<String> weightCol;
  private final Param<String> family;
  private final Param<String> init;
  private final Param<String> accelerate;
  private final DoubleParam miniBatch;
  private final Param<String> missing;
  private final Param<String> labelCol;
  private final BooleanParam fitIntercept;
  private final Param<String> initialModel;
  private final DoubleParam decay;

  /** An estimator with a random uid and every param at its default. */
  public EmMixture() {
    this(Identifiable$.MODULE$.randomUID("emMixture"));
  }

  /** An estimator with the given uid (as Spark ML's readers create it) and every param at its default. */
  public EmMixture(String uid) {
    super(uid, "components");
    weightCol = EmMixtureModel.stringParam(this, "weightCol", "weight column (>= 0); empty: every row weighs 1");
    // The validators are Serializable, as Scala's own are: stages travel with Java serialization.
    family = new Param<>(this, "family", "model family: " + String.join(" | ", Families.names(Capability.SPARK_ML)),
        (scala.Function1<String, Object> & java.io.Serializable) EmMixture::fitsVectors);
    init = new Param<>(this, "init", "kmeans++ | random | model:PATH (a model.json, or a saved EmMixtureModel, "
        + "to start from)", (scala.Function1<String, Object> & java.io.Serializable) EmMixture::validInit);
    accelerate = new Param<>(this, "accelerate", String.join(" | ", ACCELERATORS),
        ParamValidators.inArray(ACCELERATORS.toArray(new String[0])));
    miniBatch = new DoubleParam(this, "miniBatch", "fraction F of the records each EM step reads, 0 < F <= 1 "
        + "(stepwise online EM; 1 = full batch)", ParamValidators.inRange(0, 1, false, true));
    missing = new Param<>(this, "missing", "gaussian: fail (a NaN is bad input) | marginalize (NaN cells are "
        + "missing at random and integrated out)", ParamValidators.inArray(MISSING.toArray(new String[0])));
    labelCol = EmMixtureModel.stringParam(this, "labelCol", "regression: the response column (numeric); the "
        + "features are the covariates");
    fitIntercept = new BooleanParam(this, "fitIntercept", "regression: whether each component has an intercept");
    initialModel = EmMixtureModel.stringParam(this, "initialModel", "model.json of a fitted model to continue on "
        + "the data (update: incremental EM); empty: a fresh fit");
    decay = new DoubleParam(this, "decay", "with initialModel: D in [0, 1], the weight of its statistics in every "
        + "M-step (1: the old data count fully; 0: forgotten)", ParamValidators.inRange(0, 1, true, true));
    setDefault(initialModel, "");
    setDefault(decay, 1.0);
    setDefault(weightCol, "");
    setDefault(labelCol, "label");
    setDefault(fitIntercept, true);
    setDefault(family, "gaussian");
    setDefault(init, "kmeans++");
    setDefault(accelerate, "none");
    setDefault(miniBatch, 1.0);
    setDefault(missing, "fail");
  }

  /** Param: the per-row weight column (numeric, &ge; 0); empty: every row weighs 1; default empty. */
  public Param<String> weightCol() { return weightCol; }
  /** Param: the model family: "gaussian", "bernoulli", "poisson", "multinomial", "kmeans", "regression" (every registered family that declares {@code SPARK_ML}); default "gaussian" ({@code --family}). */
  public Param<String> family() { return family; }
  /** Param: the start: "kmeans++", "random", or "model:PATH" (a model.json, or a saved EmMixtureModel directory); default "kmeans++" ({@code --init}). */
  public Param<String> init() { return init; }
  /** Param: "none" or "squarem" (extrapolate &theta; between passes; the log-likelihood never decreases); default "none" ({@code --accelerate}). */
  public Param<String> accelerate() { return accelerate; }
  /** Param: the fraction F of the records each EM step reads, 0 &lt; F &le; 1 (stepwise online EM); default 1.0, full batch ({@code --mini-batch}). */
  public DoubleParam miniBatch() { return miniBatch; }
  /** Param: gaussian: "fail" (a NaN is bad input) or "marginalize" (NaN cells are missing at random and integrated out); default "fail" ({@code --missing}). */
  public Param<String> missing() { return missing; }
  /** Param: regression: the numeric response column (the features are the covariates); default "label" ({@code --label-col}). */
  public Param<String> labelCol() { return labelCol; }
  /** Param: regression: whether each component has an intercept; default true ({@code --no-intercept} is false). */
  public BooleanParam fitIntercept() { return fitIntercept; }
  /** Param: model.json of a fitted model that {@code fit} continues on its data (incremental EM, as {@code submit/em update}); empty: a fresh fit; default empty. */
  public Param<String> initialModel() { return initialModel; }
  /** Param: with initialModel: D in [0, 1], the weight of its statistics in every M-step (1: the old data count fully; 0: forgotten); default 1.0 ({@code --decay}). */
  public DoubleParam decay() { return decay; }

  /** The value of {@link #weightCol()}. */
  public String getWeightCol() { return getOrDefault(weightCol); }
  /** The value of {@link #family()}. */
  public String getFamily() { return getOrDefault(family); }
  /** The value of {@link #init()}. */
  public String getInit() { return getOrDefault(init); }
  /** The value of {@link #accelerate()}. */
  public String getAccelerate() { return getOrDefault(accelerate); }
  /** The value of {@link #miniBatch()}. */
  public double getMiniBatch() { return (Double) getOrDefault(miniBatch); }
  /** The value of {@link #missing()}. */
  public String getMissing() { return getOrDefault(missing); }
  /** The value of {@link #labelCol()}. */
  public String getLabelCol() { return getOrDefault(labelCol); }
  /** The value of {@link #fitIntercept()}. */
  public boolean getFitIntercept() { return (Boolean) getOrDefault(fitIntercept); }

  /** Regression: the numeric response column, as MLlib's LinearRegression (default "label"). */
  public EmMixture setLabelCol(String value) {
    return put(labelCol, value, value != null && !value.isEmpty(), "labelCol must name a column");
  }

  /** Regression: false fits no intercept, as {@code --no-intercept}. */
  public EmMixture setFitIntercept(boolean value) { return put(fitIntercept, value, true, ""); }
  /** The value of {@link #initialModel()}. */
  public String getInitialModel() { return getOrDefault(initialModel); }
  /** The value of {@link #decay()}. */
  public double getDecay() { return (Double) getOrDefault(decay); }

  /**
   * Continue {@code model} on the data given to {@link #fit} (incremental EM, as {@code submit/em
   * update}): EM starts from its θ and every M-step adds its statistics × {@link #setDecay decay}.
   * The family, covariance, k and M-step options are the model's; null: a fresh fit.
   */
  public EmMixture setInitialModel(EmMixtureModel model) {
    return put(initialModel, model == null ? "" : model.toJson(), true, "");
  }

  /** {@link #setInitialModel(EmMixtureModel)} from model.json text (what {@code submit/em fit} writes). */
  public EmMixture setInitialModel(String modelJson) {
    return put(initialModel, modelJson == null ? "" : modelJson, true, "");
  }

  /** D in [0, 1]: the weight of the initial model's statistics in every M-step. */
  public EmMixture setDecay(double value) {
    return put(decay, value, value >= 0 && value <= 1, "decay must be in [0, 1] (1: the old data count fully; "
        + "0: forgotten); got " + value);
  }

  /** The column of record weights (numbers >= 0); empty or null: every row weighs 1. */
  public EmMixture setWeightCol(String value) { return put(weightCol, value == null ? "" : value, true, ""); }

  /** Sets {@link #family()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public EmMixture setFamily(String value) {
    List<String> vectors = Families.names(Capability.SPARK_ML);
    return put(family, value, fitsVectors(value), "family must be one of " + String.join(", ", vectors) + "; got '"
        + value + "'" + (Families.find(value).isPresent()
            ? " (" + value + " needs more than a feature vector per record: use submit/em fit)" : ""));
  }

  /** Sets {@link #init()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public EmMixture setInit(String value) {
    return put(init, value, validInit(value), "init must be kmeans++, random or model:PATH (a model.json or a "
        + "saved EmMixtureModel directory); got '" + value + "'");
  }

  /** Sets {@link #accelerate()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public EmMixture setAccelerate(String value) {
    return put(accelerate, value, ACCELERATORS.contains(value), "accelerate must be " + String.join(" or ",
        ACCELERATORS) + "; got '" + value + "'");
  }

  /** Stepwise online EM on a fraction of the records per step, as {@code --mini-batch F}. */
  public EmMixture setMiniBatch(double value) {
    return put(miniBatch, value, value > 0 && value <= 1, "miniBatch must be in (0, 1] (1 = full batch); got "
        + value);
  }

  /** {@code "marginalize"}: NaN features are missing at random (gaussian), as {@code --missing marginalize}. */
  public EmMixture setMissing(String value) {
    return put(missing, value, MISSING.contains(value), "missing must be " + String.join(" or ", MISSING)
        + "; got '" + value + "'");
  }

  /** Whether the family's records carry a response: the label column is read only then. */
  private boolean needsLabel() {
    return Families.find(getFamily()).map(e -> e.needs(RecordColumn.LABEL)).orElse(false);
  }

  private static boolean fitsVectors(String name) {
    return Families.find(name).map(e -> e.supports(Capability.SPARK_ML)).orElse(false);
  }

  private static boolean validInit(String value) {
    try {
      Init.parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    EmMixtureModel.checkVectorColumn(schema, getFeaturesCol());
    if (needsLabel()) {
      EmMixtureModel.checkNumericColumn(schema, getLabelCol(), "labelCol");
    }
    if (!getWeightCol().isEmpty()) {
      StructField w = field(schema, getWeightCol());
      if (!(w.dataType() instanceof NumericType)) {
        throw new IllegalArgumentException("weightCol '" + getWeightCol() + "' must be numeric, got "
            + w.dataType().simpleString());
      }
    }
    boolean density = Families.find(fittedFamily()).map(e -> e.supports(Capability.LIKELIHOOD)).orElse(true);
    return EmMixtureModel.outputSchema(schema, getPredictionCol(), getProbabilityCol(),
        density ? getLogDensityCol() : "");
  }

  /** The family fitted: the initial model's, else the {@code family} param. */
  private String fittedFamily() {
    return getInitialModel().isEmpty() ? getFamily()
        : SavedModel.of(getInitialModel(), "initialModel").family().name();
  }

  @Override
  public EmMixtureModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    FamilyEntry entry = Families.find(getFamily()).orElseThrow();
    FitSettings settings = settings(entry, Emission.GAUSSIAN, MissingValues.parse(getMissing()),
        Accelerator.parse(getAccelerate()), getMiniBatch(), Init.parse(getInit())).withIntercept(getFitIntercept());
    Records records = new Records.Frame(dataset, getFeaturesCol(), getWeightCol().isEmpty() ? null : getWeightCol(),
        null, needsLabel() ? getLabelCol() : null);
    String json;
    if (getInitialModel().isEmpty()) {
      json = fitJson(dataset, settings, records);
    } else {
      SavedModel saved = SavedModel.of(getInitialModel(), "initialModel");
      json = updateJson(dataset, saved.settings(settings), records, saved, getDecay());
    }
    EmMixtureModel model = new EmMixtureModel(uid(), json);
    copyValues(model, extractParamMap());
    return model.setParent(this);
  }

  /** The reader of a saved estimator (its params). */
  public static MLReader<EmMixture> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads what {@code write().save(path)} saved. */
  public static EmMixture load(String path) {
    return read().load(path);
  }
}
