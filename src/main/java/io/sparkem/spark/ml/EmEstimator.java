package io.sparkem.spark.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Accelerator;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.MissingValues;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.hmm.Emission;
import io.sparkem.fit.FitService;
import io.sparkem.fit.FitSettings;
import io.sparkem.fit.Init;
import io.sparkem.fit.ModelJson;
import io.sparkem.fit.Records;
import io.sparkem.fit.SavedModel;
import io.sparkem.fit.Wording;
import io.sparkem.registry.FamilyEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What spark-em's estimators share: the params of a fit ({@code k}, {@code maxIter}, {@code tol},
 * {@code seed}, {@code restarts}, {@code covariance}, {@code regCovar}) and of its columns
 * ({@code featuresCol}, {@code predictionCol}, {@code probabilityCol}), with the command line's
 * defaults and setters that name the remedy; and the fit itself, which is the fit service's
 * ({@link FitService}) in the estimators' words. A subclass adds its own params and builds
 * {@link FitSettings} and {@link Records} from them.
 *
 * @param <S> the estimator (setters return it)
 * @param <T> its model
 */
public abstract class EmEstimator<S extends EmEstimator<S, T>, T extends org.apache.spark.ml.Model<T>>
    extends Estimator<T> implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;
  static final List<String> COVARIANCES = Arrays.stream(CovarianceType.values()).map(String::valueOf).toList();

  private final String uid;
  private final IntParam k;
  private final IntParam maxIter;
  private final DoubleParam tol;
  private final LongParam seed;
  private final IntParam restarts;
  private final Param<String> featuresCol;
  private final Param<String> covariance;
  private final DoubleParam regCovar;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> logDensityCol;

  protected EmEstimator(String uid, String components) {
    this.uid = uid;
    // Params need the uid of their parent, so they are made here, after it is set.
    k = new IntParam(this, "k", "number of " + components + " (>= 1)", ParamValidators.gtEq(1));
    maxIter = new IntParam(this, "maxIter", "maximum EM iterations (>= 0)", ParamValidators.gtEq(0));
    tol = new DoubleParam(this, "tol", "stop when |change of mean log-likelihood per unit weight| <= tol",
        ParamValidators.gtEq(0));
    seed = new LongParam(this, "seed", "random seed of the initialisation");
    restarts = new IntParam(this, "restarts", "independent initialisations; the best log-likelihood wins",
        ParamValidators.gtEq(1));
    featuresCol = EmMixtureModel.stringParam(this, "featuresCol", "features column (ml Vector)");
    covariance = new Param<>(this, "covariance", "gaussian: " + String.join(" | ", COVARIANCES),
        ParamValidators.inArray(COVARIANCES.toArray(new String[0])));
    regCovar = new DoubleParam(this, "regCovar", "added to covariance diagonals (gaussian)", ParamValidators.gtEq(0));
    predictionCol = EmMixtureModel.stringParam(this, "predictionCol", "prediction column name");
    probabilityCol = EmMixtureModel.stringParam(this, "probabilityCol", "posterior probabilities column name");
    logDensityCol = EmMixtureModel.stringParam(this, "logDensityCol", "log-density column name of the fitted "
        + "model's transform; empty: no such column");
    // The defaults are the command line's.
    setDefault(k, 2);
    setDefault(maxIter, FitSettings.DEFAULT_MAX_ITER);
    setDefault(tol, FitSettings.DEFAULT_TOL);
    setDefault(seed, FitSettings.DEFAULT_SEED);
    setDefault(restarts, 1);
    setDefault(featuresCol, "features");
    setDefault(covariance, "full");
    setDefault(regCovar, FamilyOptions.DEFAULT_REG_COVAR);
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(logDensityCol, "logDensity");
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  @Override
  public String uid() {
    return uid;
  }

  // --- params (public no-argument methods returning Param: Spark finds them by reflection) ---
  public IntParam k() { return k; }
  public IntParam maxIter() { return maxIter; }
  public DoubleParam tol() { return tol; }
  public LongParam seed() { return seed; }
  public IntParam restarts() { return restarts; }
  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> covariance() { return covariance; }
  public DoubleParam regCovar() { return regCovar; }
  public Param<String> predictionCol() { return predictionCol; }
  public Param<String> probabilityCol() { return probabilityCol; }
  public Param<String> logDensityCol() { return logDensityCol; }

  public int getK() { return (Integer) getOrDefault(k); }
  public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
  public double getTol() { return (Double) getOrDefault(tol); }
  public long getSeed() { return (Long) getOrDefault(seed); }
  public int getRestarts() { return (Integer) getOrDefault(restarts); }
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getCovariance() { return getOrDefault(covariance); }
  public double getRegCovar() { return (Double) getOrDefault(regCovar); }
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  public String getLogDensityCol() { return getOrDefault(logDensityCol); }

  // The setters check their value first, so a bad one fails with a message naming the remedy rather
  // than Spark's generic "parameter ... given invalid value" (which still guards ParamMap routes).
  public S setK(int value) { return put(k, value, value >= 1, "k must be >= 1, got " + value); }
  public S setMaxIter(int value) { return put(maxIter, value, value >= 0, "maxIter must be >= 0, got " + value); }
  public S setSeed(long value) { return put(seed, value, true, ""); }
  public S setRestarts(int value) { return put(restarts, value, value >= 1, "restarts must be >= 1, got " + value); }
  public S setFeaturesCol(String value) { return put(featuresCol, value, named(value), "featuresCol must name a column"); }
  public S setPredictionCol(String value) {
    return put(predictionCol, value, named(value), "predictionCol must name a column");
  }
  public S setProbabilityCol(String value) {
    return put(probabilityCol, value, named(value), "probabilityCol must name a column");
  }

  /** The fitted model's log-density column; empty (or null) leaves it out. */
  public S setLogDensityCol(String value) {
    return put(logDensityCol, value == null ? "" : value, true, "");
  }

  public S setTol(double value) {
    return put(tol, value, value >= 0 && value < Double.POSITIVE_INFINITY, "tol must be a finite number >= 0, got "
        + value);
  }

  public S setCovariance(String value) {
    return put(covariance, value, COVARIANCES.contains(value), "covariance must be one of "
        + String.join(", ", COVARIANCES) + "; got '" + value + "'");
  }

  public S setRegCovar(double value) {
    return put(regCovar, value, value >= 0 && value < Double.POSITIVE_INFINITY,
        "regCovar must be a finite number >= 0, got " + value);
  }

  /** Sets {@code param} to {@code value} when {@code ok}, else an {@link IllegalArgumentException} saying {@code why}. */
  protected <V> S put(Param<V> param, V value, boolean ok, String why) {
    if (!ok) {
      throw new IllegalArgumentException(why);
    }
    set(param, value);
    return self();
  }

  private static boolean named(String column) {
    return column != null && !column.isEmpty();
  }

  /** The fit service's settings: these params, and those a subclass adds. */
  protected FitSettings settings(FamilyEntry family, Emission emission, MissingValues missing,
      Accelerator accelerate, double miniBatch, Init init) {
    return new FitSettings(family, CovarianceType.parse(getCovariance()), emission, getRegCovar(), false,
        FamilyOptions.DEFAULT_PSEUDO_COUNT, missing, getMaxIter(), getTol(), accelerate, miniBatch, init,
        getRestarts(), getSeed(), null, false);
  }

  /**
   * model.json of the fit of {@code records} with {@code settings}: the fit service's, in the
   * estimators' words; what the user can fix is an {@link IllegalArgumentException}.
   */
  protected String fitJson(Dataset<?> dataset, FitSettings settings, Records records) {
    try {
      ObjectNode json = new FitService(dataset.sparkSession(), settings, Wording.sparkMl(getFeaturesCol()), false)
          .fit(records, getK()).modelJson();
      return new String(ModelJson.bytes(json), StandardCharsets.UTF_8);
    } catch (UserError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * model.json of {@code update}: the saved model continued on {@code records}, its statistics ×
   * {@code decay} blended into every M-step, in the estimators' words.
   */
  protected String updateJson(Dataset<?> dataset, FitSettings settings, Records records, SavedModel saved,
      double decay) {
    try {
      ObjectNode json = new FitService(dataset.sparkSession(), settings, Wording.sparkMl(getFeaturesCol()), false)
          .update(records, saved, decay).modelJson();
      return new String(ModelJson.bytes(json), StandardCharsets.UTF_8);
    } catch (UserError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The column {@code name} of {@code schema}; an unknown name lists the columns there are. */
  static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("column '" + name + "' does not exist; columns: "
        + String.join(", ", schema.fieldNames()));
  }

  @Override
  public S copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
