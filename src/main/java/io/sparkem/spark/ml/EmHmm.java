package io.sparkem.spark.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.cli.ModelJson;
import io.sparkem.core.Accelerator;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.Model;
import io.sparkem.core.StatisticsSource;
import io.sparkem.family.hmm.Emission;
import io.sparkem.family.hmm.HiddenMarkovModel;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.SequenceColumns;
import io.sparkem.spark.SequenceData;
import io.sparkem.spark.SparkSessions;
import io.sparkem.spark.SparkStatisticsSource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
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
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hidden Markov model fitted by EM (Baum–Welch), as a Spark ML {@code Estimator}. Each row is one
 * record of a sequence: {@code sequenceCol} names the sequence, {@code orderCol} orders the records
 * within it, {@code featuresCol} (an ml Vector) holds the emission — for {@code emission =
 * "categorical"} a 1-value vector holding the symbol. {@link #fit} groups the rows into the cached
 * sequence blocks {@code submit/em fit --family hmm} builds ({@link SequenceData#fromDataset}) and
 * runs the same initialisation and EM loop, so the same data, seed and partitioning give the same θ.
 *
 * <pre>{@code
 * EmHmm hmm = new EmHmm().setK(2).setEmission("categorical").setSequenceCol("seq").setOrderCol("t");
 * EmHmmModel model = hmm.fit(rolls);      // columns seq, t, features (a 1-value Vector)
 * model.transform(rolls).show();          // + state (Viterbi), probability (posteriors)
 * }</pre>
 */
public final class EmHmm extends Estimator<EmHmmModel> implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");
  static final List<String> EMISSIONS = Arrays.stream(Emission.values()).map(Emission::cliName).toList();
  private static final List<String> COVARIANCES = List.of("full", "diag", "tied", "spherical");

  private final String uid;
  private final IntParam k;
  private final IntParam maxIter;
  private final DoubleParam tol;
  private final LongParam seed;
  private final IntParam restarts;
  private final Param<String> featuresCol;
  private final Param<String> sequenceCol;
  private final Param<String> orderCol;
  private final Param<String> emission;
  private final Param<String> covariance;
  private final DoubleParam regCovar;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;

  public EmHmm() {
    this(Identifiable$.MODULE$.randomUID("emHmm"));
  }

  public EmHmm(String uid) {
    this.uid = uid;
    k = new IntParam(this, "k", "number of hidden states (>= 1)", ParamValidators.gtEq(1));
    maxIter = new IntParam(this, "maxIter", "maximum EM iterations (>= 0)", ParamValidators.gtEq(0));
    tol = new DoubleParam(this, "tol", "stop when |change of mean log-likelihood per record| <= tol",
        ParamValidators.gtEq(0));
    seed = new LongParam(this, "seed", "random seed of the initialisation");
    restarts = new IntParam(this, "restarts", "independent initialisations; the best log-likelihood wins",
        ParamValidators.gtEq(1));
    featuresCol = EmMixtureModel.stringParam(this, "featuresCol", "emission column (ml Vector)");
    sequenceCol = EmMixtureModel.stringParam(this, "sequenceCol", "column naming each record's sequence");
    orderCol = EmMixtureModel.stringParam(this, "orderCol", "numeric column ordering records within a sequence");
    emission = new Param<>(this, "emission", "emission family: " + String.join(" | ", EMISSIONS),
        ParamValidators.inArray(EMISSIONS.toArray(new String[0])));
    covariance = new Param<>(this, "covariance", "gaussian emission only: full | diag | tied | spherical",
        ParamValidators.inArray(COVARIANCES.toArray(new String[0])));
    regCovar = new DoubleParam(this, "regCovar", "added to covariance diagonals (gaussian)", ParamValidators.gtEq(0));
    predictionCol = EmMixtureModel.stringParam(this, "predictionCol", "Viterbi state column name");
    probabilityCol = EmMixtureModel.stringParam(this, "probabilityCol", "posterior state probabilities column name");
    // The defaults are the CLI's (submit/em fit --family hmm).
    setDefault(k, 2);
    setDefault(maxIter, 100);
    setDefault(tol, 1e-6);
    setDefault(seed, 42L);
    setDefault(restarts, 1);
    setDefault(featuresCol, "features");
    setDefault(sequenceCol, "sequence");
    setDefault(orderCol, "order");
    setDefault(emission, "gaussian");
    setDefault(covariance, "full");
    setDefault(regCovar, FamilyOptions.DEFAULT_REG_COVAR);
    setDefault(predictionCol, "state");
    setDefault(probabilityCol, "probability");
  }

  @Override
  public String uid() {
    return uid;
  }

  public IntParam k() { return k; }
  public IntParam maxIter() { return maxIter; }
  public DoubleParam tol() { return tol; }
  public LongParam seed() { return seed; }
  public IntParam restarts() { return restarts; }
  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> sequenceCol() { return sequenceCol; }
  public Param<String> orderCol() { return orderCol; }
  public Param<String> emission() { return emission; }
  public Param<String> covariance() { return covariance; }
  public DoubleParam regCovar() { return regCovar; }
  public Param<String> predictionCol() { return predictionCol; }
  public Param<String> probabilityCol() { return probabilityCol; }

  public int getK() { return (Integer) getOrDefault(k); }
  public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
  public double getTol() { return (Double) getOrDefault(tol); }
  public long getSeed() { return (Long) getOrDefault(seed); }
  public int getRestarts() { return (Integer) getOrDefault(restarts); }
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getSequenceCol() { return getOrDefault(sequenceCol); }
  public String getOrderCol() { return getOrDefault(orderCol); }
  public String getEmission() { return getOrDefault(emission); }
  public String getCovariance() { return getOrDefault(covariance); }
  public double getRegCovar() { return (Double) getOrDefault(regCovar); }
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  public String getProbabilityCol() { return getOrDefault(probabilityCol); }

  public EmHmm setK(int value) {
    require(value >= 1, "k must be >= 1, got " + value);
    set(k, value);
    return this;
  }

  public EmHmm setMaxIter(int value) {
    require(value >= 0, "maxIter must be >= 0, got " + value);
    set(maxIter, value);
    return this;
  }

  public EmHmm setTol(double value) {
    require(value >= 0 && value < Double.POSITIVE_INFINITY, "tol must be a finite number >= 0, got " + value);
    set(tol, value);
    return this;
  }

  public EmHmm setSeed(long value) { set(seed, value); return this; }

  public EmHmm setRestarts(int value) {
    require(value >= 1, "restarts must be >= 1, got " + value);
    set(restarts, value);
    return this;
  }

  public EmHmm setFeaturesCol(String value) { set(featuresCol, named(value, "featuresCol")); return this; }
  public EmHmm setSequenceCol(String value) { set(sequenceCol, named(value, "sequenceCol")); return this; }
  public EmHmm setOrderCol(String value) { set(orderCol, named(value, "orderCol")); return this; }
  public EmHmm setPredictionCol(String value) { set(predictionCol, named(value, "predictionCol")); return this; }
  public EmHmm setProbabilityCol(String value) { set(probabilityCol, named(value, "probabilityCol")); return this; }

  public EmHmm setEmission(String value) {
    require(EMISSIONS.contains(value), "emission must be one of " + String.join(", ", EMISSIONS) + "; got '"
        + value + "'");
    set(emission, value);
    return this;
  }

  public EmHmm setCovariance(String value) {
    require(COVARIANCES.contains(value), "covariance must be one of " + String.join(", ", COVARIANCES)
        + "; got '" + value + "'");
    set(covariance, value);
    return this;
  }

  public EmHmm setRegCovar(double value) {
    require(value >= 0 && value < Double.POSITIVE_INFINITY, "regCovar must be a finite number >= 0, got " + value);
    set(regCovar, value);
    return this;
  }

  private static String named(String value, String param) {
    require(value != null && !value.isEmpty(), param + " must name a column");
    return value;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    EmMixtureModel.checkVectorColumn(schema, getFeaturesCol());
    EmMixture.field(schema, getSequenceCol());
    EmMixture.field(schema, getOrderCol());
    return EmMixtureModel.outputSchema(schema, getPredictionCol(), getProbabilityCol());
  }

  @Override
  public EmHmmModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    HmmFamily<?> unbound = HmmFamily.of(Emission.parse(getEmission()),
        new FamilyOptions(getCovariance(), getRegCovar(), false));
    boolean categorical = unbound.emissionKind() == Emission.CATEGORICAL;
    SequenceColumns columns = SequenceColumns.of(getSequenceCol(), getOrderCol(), categorical);
    SequenceData.Loaded loaded = SequenceData.fromDataset(dataset, getFeaturesCol(), unbound.recordCheck(),
        columns, 0);
    try {
      // As the CLI's HmmFit.bind: categorical emissions learn their alphabet from the data.
      HmmFamily<?> family = loaded.alphabet() != null ? unbound.withAlphabet(loaded.alphabet()) : unbound;
      String json = fitOn(family, loaded, dataset);
      EmHmmModel model = new EmHmmModel(uid, json);
      copyValues(model, extractParamMap());
      return model.setParent(this);
    } finally {
      loaded.data().release();
    }
  }

  private <E extends Model> String fitOn(HmmFamily<E> family, SequenceData.Loaded loaded, Dataset<?> dataset) {
    StatisticsSource source = new SparkStatisticsSource(SparkSessions.context(dataset.sparkSession()),
        loaded.data());
    int states = getK();
    int distinct = source.distinctRecords(states);
    if (distinct < states) {
      throw new IllegalArgumentException("k = " + states + " is larger than the number of distinct records ("
          + distinct + "); lower k");
    }
    // The CLI's starts (FitJob, --init kmeans++): the same Initializer, source, seed and restarts.
    List<HiddenMarkovModel<E>> starts = Initializer.starts(family, source, states, InitMethod.KMEANS_PLUS_PLUS,
        getRestarts(), getSeed());
    EmOptions options = new EmOptions(getMaxIter(), getTol(), Accelerator.parse("none"),
        new MiniBatch(1.0, getSeed()));
    List<FitResult<HiddenMarkovModel<E>>> results = EmLoop.run(family, starts, source, options, (fit, e, delta) ->
        LOG.debug("{} fit {} iteration {} logLikelihood {}", uid, fit, e.iteration(), e.logLikelihood()));
    FitResult<HiddenMarkovModel<E>> best = results.stream()
        .max(Comparator.comparingDouble(FitResult::logLikelihood)).orElseThrow();
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("input", "Spark ML Dataset, column " + getFeaturesCol());
    provenance.put("seed", getSeed());
    provenance.put("init", "kmeans++");
    provenance.put("restarts", getRestarts());
    provenance.put("restartLogLikelihoods", results.stream().map(FitResult::logLikelihood).toList());
    provenance.put("maxIter", getMaxIter());
    provenance.put("tol", getTol());
    provenance.put("regCovar", getRegCovar());
    provenance.put("sparkVersion", dataset.sparkSession().version());
    provenance.put("partitions", loaded.data().blocks().getNumPartitions());
    ObjectNode json = ModelJson.of(family, best, loaded.data().features(), loaded.data().skipped(), provenance);
    json.put("accelerate", options.accelerate().cliName());
    json.put("miniBatch", 1.0);
    json.put("recordsRead", best.recordsRead());
    HmmFamily.writeFitFields(json, best, getSequenceCol(), getOrderCol());
    return new String(ModelJson.bytes(json), StandardCharsets.UTF_8);
  }

  @Override
  public EmHmm copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<EmHmm> read() {
    return new DefaultParamsReader<>();
  }

  public static EmHmm load(String path) {
    return read().load(path);
  }
}
