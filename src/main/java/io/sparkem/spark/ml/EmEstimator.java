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
  /** Param: the number of components (EmHmm: hidden states), an integer &ge; 1; default 2. */
  public IntParam k() { return k; }
  /** Param: the most EM iterations (one E-step and one M-step each), an integer &ge; 0; default {@value io.sparkem.fit.FitSettings#DEFAULT_MAX_ITER} ({@code --max-iter}). */
  public IntParam maxIter() { return maxIter; }
  /** Param: stop when the change of the mean log-likelihood per unit weight between passes is at most tol, a finite number &ge; 0; default {@value io.sparkem.fit.FitSettings#DEFAULT_TOL} ({@code --tol}). */
  public DoubleParam tol() { return tol; }
  /** Param: the random seed of the initialisation, any long; the same seed, data and partitioning give the same model; default {@value io.sparkem.fit.FitSettings#DEFAULT_SEED} ({@code --seed}). */
  public LongParam seed() { return seed; }
  /** Param: independent initialisations advancing together, the best final log-likelihood winning, an integer &ge; 1; default 1 ({@code --restarts}). */
  public IntParam restarts() { return restarts; }
  /** Param: the features column, an ml {@code Vector} (for example from {@code VectorAssembler}); default "features". */
  public Param<String> featuresCol() { return featuresCol; }
  /** Param: gaussian (and gaussian emissions): "full", "diag", "tied" or "spherical"; default "full" ({@code --covariance}). */
  public Param<String> covariance() { return covariance; }
  /** Param: added to every covariance diagonal (regression: to each residual variance), a finite number &ge; 0; default 1e-6 ({@code --reg-covar}). */
  public DoubleParam regCovar() { return regCovar; }
  /** Param: the output column of the most probable component (EmHmm: the Viterbi state), an int; default "prediction" (EmHmm: "state"). */
  public Param<String> predictionCol() { return predictionCol; }
  /** Param: the output column of the posterior probabilities, an ml {@code Vector}; default "probability". */
  public Param<String> probabilityCol() { return probabilityCol; }
  /** Param: the fitted model's output column of the record's log-density log p(x | &theta;), a double; empty: no such column; default "logDensity". */
  public Param<String> logDensityCol() { return logDensityCol; }

  /** The value of {@link #k()}. */
  public int getK() { return (Integer) getOrDefault(k); }
  /** The value of {@link #maxIter()}. */
  public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
  /** The value of {@link #tol()}. */
  public double getTol() { return (Double) getOrDefault(tol); }
  /** The value of {@link #seed()}. */
  public long getSeed() { return (Long) getOrDefault(seed); }
  /** The value of {@link #restarts()}. */
  public int getRestarts() { return (Integer) getOrDefault(restarts); }
  /** The value of {@link #featuresCol()}. */
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  /** The value of {@link #covariance()}. */
  public String getCovariance() { return getOrDefault(covariance); }
  /** The value of {@link #regCovar()}. */
  public double getRegCovar() { return (Double) getOrDefault(regCovar); }
  /** The value of {@link #predictionCol()}. */
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  /** The value of {@link #probabilityCol()}. */
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  /** The value of {@link #logDensityCol()}. */
  public String getLogDensityCol() { return getOrDefault(logDensityCol); }

  // The setters check their value first, so a bad one fails with a message naming the remedy rather
  // than Spark's generic "parameter ... given invalid value" (which still guards ParamMap routes).
  /** Sets {@link #k()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setK(int value) { return put(k, value, value >= 1, "k must be >= 1, got " + value); }
  /** Sets {@link #maxIter()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setMaxIter(int value) { return put(maxIter, value, value >= 0, "maxIter must be >= 0, got " + value); }
  /** Sets {@link #seed()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setSeed(long value) { return put(seed, value, true, ""); }
  /** Sets {@link #restarts()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setRestarts(int value) { return put(restarts, value, value >= 1, "restarts must be >= 1, got " + value); }
  /** Sets {@link #featuresCol()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setFeaturesCol(String value) { return put(featuresCol, value, named(value), "featuresCol must name a column"); }
  /** Sets {@link #predictionCol()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setPredictionCol(String value) {
    return put(predictionCol, value, named(value), "predictionCol must name a column");
  }
  /** Sets {@link #probabilityCol()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setProbabilityCol(String value) {
    return put(probabilityCol, value, named(value), "probabilityCol must name a column");
  }

  /** The fitted model's log-density column; empty (or null) leaves it out. */
  public S setLogDensityCol(String value) {
    return put(logDensityCol, value == null ? "" : value, true, "");
  }

  /** Sets {@link #tol()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setTol(double value) {
    return put(tol, value, value >= 0 && value < Double.POSITIVE_INFINITY, "tol must be a finite number >= 0, got "
        + value);
  }

  /** Sets {@link #covariance()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
  public S setCovariance(String value) {
    return put(covariance, value, COVARIANCES.contains(value), "covariance must be one of "
        + String.join(", ", COVARIANCES) + "; got '" + value + "'");
  }

  /** Sets {@link #regCovar()}; a value outside its range is an {@code IllegalArgumentException} naming it. */
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
