package io.sparkem.spark.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.cli.ModelJson;
import io.sparkem.core.Accelerator;
import io.sparkem.core.CompleteRowsSample;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.MissingValues;
import io.sparkem.core.Model;
import io.sparkem.core.StatisticsSource;
import io.sparkem.family.Families;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.HadoopFiles;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkSessions;
import io.sparkem.spark.SparkStatisticsSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mixture model fitted by EM, as a Spark ML {@code Estimator}: the parameters of MLlib's
 * GaussianMixture ({@code k}, {@code maxIter}, {@code tol}, {@code seed}, {@code featuresCol},
 * {@code weightCol}, {@code predictionCol}, {@code probabilityCol}) plus spark-em's own
 * ({@code family}, {@code covariance}, {@code regCovar}, {@code restarts}, {@code init},
 * {@code accelerate}). {@link #fit} caches the feature vectors as blocks and runs the one EM loop
 * that {@code submit/em fit} runs, so the same data, options and partitioning give the same θ.
 *
 * <pre>{@code
 * EmMixture em = new EmMixture().setK(3).setCovariance("diag").setSeed(7);
 * EmMixtureModel model = em.fit(vectors);          // a "features" Vector column
 * model.transform(vectors).show();                 // + prediction, probability
 * }</pre>
 */
public final class EmMixture extends Estimator<EmMixtureModel> implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  /** Families whose records are the feature vector alone (binomial needs a trials column, hmm sequences). */
  static final List<String> FAMILIES = List.of("gaussian", "bernoulli", "poisson", "multinomial", "kmeans");
  private static final List<String> NEEDS_MORE_THAN_A_VECTOR = List.of("binomial", "hmm");
  private static final List<String> COVARIANCES = List.of("full", "diag", "tied", "spherical");
  /** {@code init = "model:PATH"} starts from a saved θ, as {@code submit/em fit --init model:PATH} does. */
  static final String MODEL_PREFIX = "model:";

  private final String uid;
  private final IntParam k;
  private final IntParam maxIter;
  private final DoubleParam tol;
  private final LongParam seed;
  private final Param<String> featuresCol;
  private final Param<String> weightCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> family;
  private final Param<String> covariance;
  private final DoubleParam regCovar;
  private final IntParam restarts;
  private final Param<String> init;
  private final Param<String> accelerate;
  private final DoubleParam miniBatch;
  private final Param<String> missing;

  public EmMixture() {
    this(Identifiable$.MODULE$.randomUID("emMixture"));
  }

  public EmMixture(String uid) {
    this.uid = uid;
    // Params need the uid of their parent, so they are made here, after it is set.
    k = new IntParam(this, "k", "number of components (>= 1)", ParamValidators.gtEq(1));
    maxIter = new IntParam(this, "maxIter", "maximum EM iterations (>= 0)", ParamValidators.gtEq(0));
    tol = new DoubleParam(this, "tol", "stop when |change of mean log-likelihood per unit weight| <= tol",
        ParamValidators.gtEq(0));
    seed = new LongParam(this, "seed", "random seed of the initialisation");
    featuresCol = EmMixtureModel.stringParam(this, "featuresCol", "features column (ml Vector)");
    weightCol = EmMixtureModel.stringParam(this, "weightCol", "weight column (>= 0); empty: every row weighs 1");
    predictionCol = EmMixtureModel.stringParam(this, "predictionCol", "prediction column name");
    probabilityCol = EmMixtureModel.stringParam(this, "probabilityCol", "posterior probabilities column name");
    family = new Param<>(this, "family", "model family: " + String.join(" | ", FAMILIES),
        ParamValidators.inArray(FAMILIES.toArray(new String[0])));
    covariance = new Param<>(this, "covariance", "gaussian only: full | diag | tied | spherical",
        ParamValidators.inArray(COVARIANCES.toArray(new String[0])));
    regCovar = new DoubleParam(this, "regCovar", "added to covariance diagonals (gaussian)", ParamValidators.gtEq(0));
    restarts = new IntParam(this, "restarts", "independent initialisations; the best log-likelihood wins",
        ParamValidators.gtEq(1));
    // The validator is Serializable, as Scala's own are: stages travel with Java serialization.
    init = new Param<>(this, "init", "kmeans++ | random | model:PATH (a model.json, or a saved EmMixtureModel, "
        + "to start from)", (scala.Function1<String, Object> & java.io.Serializable) EmMixture::validInit);
    accelerate = new Param<>(this, "accelerate", "none | squarem",
        ParamValidators.inArray(new String[] {"none", "squarem"}));
    miniBatch = new DoubleParam(this, "miniBatch", "fraction F of the records each EM step reads, 0 < F <= 1 "
        + "(stepwise online EM; 1 = full batch)", ParamValidators.inRange(0, 1, false, true));
    missing = new Param<>(this, "missing", "gaussian: fail (a NaN is bad input) | marginalize (NaN cells are "
        + "missing at random and integrated out)", (scala.Function1<String, Object> & java.io.Serializable)
        v -> "fail".equals(v) || "marginalize".equals(v));
    setDefault(k, 2);
    setDefault(maxIter, 100);
    setDefault(tol, 1e-6);
    setDefault(seed, 42L);
    setDefault(featuresCol, "features");
    setDefault(weightCol, "");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(family, "gaussian");
    setDefault(covariance, "full");
    setDefault(regCovar, FamilyOptions.DEFAULT_REG_COVAR);
    setDefault(restarts, 1);
    setDefault(init, "kmeans++");
    setDefault(accelerate, "none");
    setDefault(miniBatch, 1.0);
    setDefault(missing, "fail");
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
  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> weightCol() { return weightCol; }
  public Param<String> predictionCol() { return predictionCol; }
  public Param<String> probabilityCol() { return probabilityCol; }
  public Param<String> family() { return family; }
  public Param<String> covariance() { return covariance; }
  public DoubleParam regCovar() { return regCovar; }
  public IntParam restarts() { return restarts; }
  public Param<String> init() { return init; }
  public Param<String> accelerate() { return accelerate; }
  public DoubleParam miniBatch() { return miniBatch; }
  public Param<String> missing() { return missing; }

  public int getK() { return (Integer) getOrDefault(k); }
  public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
  public double getTol() { return (Double) getOrDefault(tol); }
  public long getSeed() { return (Long) getOrDefault(seed); }
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getWeightCol() { return getOrDefault(weightCol); }
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }
  public String getFamily() { return getOrDefault(family); }
  public String getCovariance() { return getOrDefault(covariance); }
  public double getRegCovar() { return (Double) getOrDefault(regCovar); }
  public int getRestarts() { return (Integer) getOrDefault(restarts); }
  public String getInit() { return getOrDefault(init); }
  public String getAccelerate() { return getOrDefault(accelerate); }
  public double getMiniBatch() { return (Double) getOrDefault(miniBatch); }
  public String getMissing() { return getOrDefault(missing); }

  // The setters check their value first, so a bad one fails with a message naming the remedy rather
  // than Spark's generic "parameter ... given invalid value" (which still guards ParamMap routes).
  public EmMixture setK(int value) {
    require(value >= 1, "k must be >= 1, got " + value);
    set(k, value);
    return this;
  }

  public EmMixture setMaxIter(int value) {
    require(value >= 0, "maxIter must be >= 0, got " + value);
    set(maxIter, value);
    return this;
  }

  public EmMixture setTol(double value) {
    require(value >= 0 && value < Double.POSITIVE_INFINITY, "tol must be a finite number >= 0, got " + value);
    set(tol, value);
    return this;
  }

  public EmMixture setSeed(long value) { set(seed, value); return this; }

  public EmMixture setFeaturesCol(String value) {
    require(value != null && !value.isEmpty(), "featuresCol must name a column");
    set(featuresCol, value);
    return this;
  }

  /** The column of record weights (numbers >= 0); empty or null: every row weighs 1. */
  public EmMixture setWeightCol(String value) { set(weightCol, value == null ? "" : value); return this; }

  public EmMixture setPredictionCol(String value) {
    require(value != null && !value.isEmpty(), "predictionCol must name a column");
    set(predictionCol, value);
    return this;
  }

  public EmMixture setProbabilityCol(String value) {
    require(value != null && !value.isEmpty(), "probabilityCol must name a column");
    set(probabilityCol, value);
    return this;
  }

  public EmMixture setFamily(String value) {
    require(FAMILIES.contains(value), "family must be one of " + String.join(", ", FAMILIES) + "; got '" + value
        + "'" + (NEEDS_MORE_THAN_A_VECTOR.contains(value)
            ? " (" + value + " needs more than a feature vector per record: use submit/em fit)" : ""));
    set(family, value);
    return this;
  }

  public EmMixture setCovariance(String value) {
    require(COVARIANCES.contains(value), "covariance must be one of " + String.join(", ", COVARIANCES)
        + "; got '" + value + "'");
    set(covariance, value);
    return this;
  }

  public EmMixture setRegCovar(double value) {
    require(value >= 0 && value < Double.POSITIVE_INFINITY, "regCovar must be a finite number >= 0, got " + value);
    set(regCovar, value);
    return this;
  }

  public EmMixture setRestarts(int value) {
    require(value >= 1, "restarts must be >= 1, got " + value);
    set(restarts, value);
    return this;
  }

  public EmMixture setInit(String value) {
    require(validInit(value), "init must be kmeans++, random or model:PATH (a model.json or a saved "
        + "EmMixtureModel directory); got '" + value + "'");
    set(init, value);
    return this;
  }

  public EmMixture setAccelerate(String value) {
    require("none".equals(value) || "squarem".equals(value), "accelerate must be none or squarem; got '"
        + value + "'");
    set(accelerate, value);
    return this;
  }

  /** Stepwise online EM on a fraction of the records per step, as {@code --mini-batch F}. */
  public EmMixture setMiniBatch(double value) {
    require(value > 0 && value <= 1, "miniBatch must be in (0, 1] (1 = full batch); got " + value);
    set(miniBatch, value);
    return this;
  }

  /** {@code "marginalize"}: NaN features are missing at random (gaussian), as {@code --missing marginalize}. */
  public EmMixture setMissing(String value) {
    require("fail".equals(value) || "marginalize".equals(value), "missing must be fail or marginalize; got '"
        + value + "'");
    set(missing, value);
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static boolean validInit(String value) {
    return "kmeans++".equals(value) || "random".equals(value)
        || (value != null && value.startsWith(MODEL_PREFIX) && value.length() > MODEL_PREFIX.length());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    EmMixtureModel.checkVectorColumn(schema, getFeaturesCol());
    if (!getWeightCol().isEmpty()) {
      StructField w = field(schema, getWeightCol());
      if (!(w.dataType() instanceof org.apache.spark.sql.types.NumericType)) {
        throw new IllegalArgumentException("weightCol '" + getWeightCol() + "' must be numeric, got "
            + w.dataType().simpleString());
      }
    }
    return EmMixtureModel.outputSchema(schema, getPredictionCol(), getProbabilityCol());
  }

  @Override
  public EmMixtureModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    MissingValues missingCells = MissingValues.parse(getMissing());
    if (missingCells != MissingValues.FAIL && !getFamily().equals("gaussian")) {
      throw new IllegalArgumentException("missing = " + getMissing() + " is for family gaussian only");
    }
    Family<?> chosen = Families.get(getFamily(), new FamilyOptions(getCovariance(), getRegCovar(), false,
        FamilyOptions.DEFAULT_PSEUDO_COUNT, missingCells));
    List<String> names = featureNames(dataset);
    SparkData data = SparkData.fromVectors(dataset, getFeaturesCol(),
        getWeightCol().isEmpty() ? null : getWeightCol(), names, chosen.recordCheck());
    try {
      String json = fitOn(chosen, data, dataset);
      EmMixtureModel model = new EmMixtureModel(uid, json);
      copyValues(model, extractParamMap());
      return model.setParent(this);
    } finally {
      data.release();
    }
  }

  private <M extends Model> String fitOn(Family<M> chosen, SparkData data, Dataset<?> dataset) {
    StatisticsSource source = new SparkStatisticsSource(SparkSessions.context(dataset.sparkSession()), data);
    boolean marginalize = MissingValues.parse(getMissing()) == MissingValues.MARGINALIZE;
    // As the CLI does: with missing cells, the starting θs come from the complete records.
    List<M> starts = starts(chosen, marginalize ? new CompleteRowsSample(source) : source, dataset.sparkSession());
    EmOptions options = new EmOptions(getMaxIter(), getTol(), Accelerator.parse(getAccelerate()),
        new MiniBatch(getMiniBatch(), getSeed()));
    List<FitResult<M>> results = EmLoop.run(chosen, starts, source, options, (fit, e, delta) ->
        LOG.debug("{} fit {} iteration {} logLikelihood {}", uid, fit, e.iteration(), e.logLikelihood()));
    FitResult<M> best = results.stream().max(Comparator.comparingDouble(FitResult::logLikelihood)).orElseThrow();
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("input", "Spark ML Dataset, column " + getFeaturesCol());
    provenance.put("seed", getSeed());
    provenance.put("init", getInit());
    provenance.put("restarts", getRestarts());
    provenance.put("restartLogLikelihoods", results.stream().map(FitResult::logLikelihood).toList());
    provenance.put("maxIter", getMaxIter());
    provenance.put("tol", getTol());
    provenance.put("regCovar", getRegCovar());
    provenance.put("weightCol", getWeightCol().isEmpty() ? null : getWeightCol());
    provenance.put("sparkVersion", dataset.sparkSession().version());
    provenance.put("partitions", data.blocks().getNumPartitions());
    ObjectNode json = ModelJson.of(chosen, best, data.features(), data.skipped(), provenance);
    json.put("accelerate", options.accelerate().cliName());
    json.put("miniBatch", getMiniBatch());
    json.put("recordsRead", best.recordsRead());
    if (marginalize) {
      json.put("missing", getMissing());
      json.put("missingCells", data.missingCells());
    }
    return new String(ModelJson.bytes(json), StandardCharsets.UTF_8);
  }

  /** The starting θs: fresh ones from the Initializer, or the one θ named by {@code init = model:PATH}. */
  private <M extends Model> List<M> starts(Family<M> chosen, StatisticsSource source, SparkSession spark) {
    int components = getK();
    if (getInit().startsWith(MODEL_PREFIX)) {
      M theta = savedModel(chosen, getInit().substring(MODEL_PREFIX.length()), spark);
      if (theta.k() != components) {
        throw new IllegalArgumentException(getInit() + ": the model has k = " + theta.k() + " but k is "
            + components + "; setK(" + theta.k() + ")");
      }
      if (chosen.blockWidth(theta.dimension()) != source.dimension()) {
        throw new IllegalArgumentException(getInit() + ": the model has dimension " + theta.dimension()
            + " but column '" + getFeaturesCol() + "' holds vectors of " + (source.dimension() - chosen.blockWidth(0))
            + " values");
      }
      if (getRestarts() > 1) {
        LOG.warn("restarts = {} is ignored with init = model:PATH (one start)", getRestarts());
      }
      return List.of(theta);
    }
    int distinct = source.distinctRecords(components);
    if (distinct < components) {
      throw new IllegalArgumentException("k = " + components + " is larger than the number of distinct "
          + "records (" + distinct + "); lower k");
    }
    InitMethod method = getInit().equals("random") ? InitMethod.RANDOM : InitMethod.KMEANS_PLUS_PLUS;
    return Initializer.starts(chosen, source, components, method, getRestarts(), getSeed());
  }

  /** θ from a model.json file, a directory holding one, or a directory an EmMixtureModel was saved to. */
  private static <M extends Model> M savedModel(Family<M> chosen, String path, SparkSession spark) {
    org.apache.hadoop.fs.Path saved = new org.apache.hadoop.fs.Path(path, ModelJsonStore.MODEL_FILE);
    String file = HadoopFiles.exists(spark, saved.toString()) ? saved.toString() : path;
    byte[] bytes = HadoopFiles.read(spark, file, "the init param (model:PATH)");
    JsonNode root = ModelJson.parse(new ByteArrayInputStream(bytes), file);
    String name = root.path("family").asText("");
    if (!name.equals(chosen.name())) {
      throw new IllegalArgumentException(file + ": the model's family is '" + name + "' but family is '"
          + chosen.name() + "'; setFamily(\"" + name + "\")");
    }
    return ModelJson.model(chosen, root, file, -1);
  }

  /** The features' names from the ML attributes VectorAssembler writes, else features[0], features[1], ... */
  private List<String> featureNames(Dataset<?> dataset) {
    AttributeGroup group = AttributeGroup.fromStructField(field(dataset.schema(), getFeaturesCol()));
    int size = group.size();
    List<String> names = new ArrayList<>();
    if (group.attributes().isDefined()) {
      for (var a : group.attributes().get()) {
        names.add(a.name().isDefined() ? a.name().get() : getFeaturesCol() + "[" + names.size() + "]");
      }
      return names;
    }
    if (size < 0) { // no attributes (the vectors were not made by VectorAssembler): the first vector's size
      List<Row> first = dataset.toDF().select(getFeaturesCol())
          .where(org.apache.spark.sql.functions.col(getFeaturesCol()).isNotNull()).limit(1).collectAsList();
      if (first.isEmpty()) {
        throw new IllegalArgumentException("column '" + getFeaturesCol() + "' has no vectors (the Dataset is "
            + "empty or every value is null); give fit a Dataset with at least one row");
      }
      size = ((Vector) first.get(0).get(0)).size();
    }
    for (int i = 0; i < size; i++) {
      names.add(getFeaturesCol() + "[" + i + "]");
    }
    return names;
  }

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
  public EmMixture copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<EmMixture> read() {
    return new DefaultParamsReader<>();
  }

  public static EmMixture load(String path) {
    return read().load(path);
  }
}
