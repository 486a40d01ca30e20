package io.sparkem.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.CompleteRowsSample;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FeaturesError;
import io.sparkem.core.FitResult;
import io.sparkem.core.FitState;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.MissingValues;
import io.sparkem.core.Model;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.registry.Capability;
import io.sparkem.registry.Families;
import io.sparkem.registry.RecordColumn;
import io.sparkem.spark.SparkSessions;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fit beneath every front end. From one {@link FitSettings} it checks the settings against
 * the family's registry entry and the records, loads and caches the records once
 * ({@link #load}), draws or reads each candidate's starting points, resumes checkpoints
 * ({@link #candidate}), runs every candidate's restarts in one EM loop sharing its passes, keeps
 * each candidate's best restart and writes its model.json ({@link #fitAll}). {@code submit/em fit}
 * and the estimators fit one candidate ({@link #fit}); {@code select} fits one per k and
 * covariance type over the same cached data.
 *
 * <pre>{@code
 * FitService service = new FitService(spark, settings, Wording.CLI, true);
 * FitOutcome outcome = service.fit(new Records.Files(spec, null), 3);   // model.json: outcome.modelJson()
 * }</pre>
 *
 * <p>Longer than 300 lines: the assembly of a fit reads top to bottom in the order it happens
 * (checks, data, starts, candidates, final pass, provenance); each step is a short method here.
 */
public final class FitService {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  private final SparkSession spark;
  private final FitSettings settings;
  private final Wording wording;
  private final boolean progressInfo;
  /** What the last loaded data say before and after a fit ({@link #load}). */
  private DataChecks checks;
  /** The candidates planned on the last loaded data: they share its passes, and the memory. */
  private final List<MemoryCheck.Planned> planned = new ArrayList<>();

  /**
   * @param wording      how messages name the settings ({@link Wording#CLI}, {@link Wording#sparkMl})
   * @param progressInfo whether the progress lines are logged at INFO (the command line's stderr)
   *     rather than DEBUG (a library inside someone's application)
   */
  public FitService(SparkSession spark, FitSettings settings, Wording wording, boolean progressInfo) {
    this.spark = spark;
    this.settings = settings;
    this.wording = wording;
    this.progressInfo = progressInfo;
  }

  /** spark-em's version from the jar's manifest ("dev" when run from classes). */
  public static String version() {
    return FitDocument.emVersion();
  }

  public FitSettings settings() {
    return settings;
  }

  /** The loop's options; a bad value is the user's to fix. */
  public EmOptions loopOptions() {
    return loopOptions(settings);
  }

  private static EmOptions loopOptions(FitSettings settings) {
    try {
      return new EmOptions(settings.maxIter(), settings.tol(), settings.accelerate(),
          new MiniBatch(settings.miniBatch(), settings.seed()), true);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /**
   * The family of the settings with covariance structure {@code covariance}, after checking the
   * settings against its registry entry and against what {@code records} carry.
   */
  public Family<?> family(CovarianceType covariance, Records records) {
    return family(settings, wording, covariance, records);
  }

  private static Family<?> family(FitSettings settings, Wording wording, CovarianceType covariance,
      Records records) {
    SettingsCheck.check(settings, wording, records);
    loopOptions(settings);
    return settings.family().create(settings.withCovariance(covariance).familySettings());
  }

  /**
   * Every check of the settings that needs neither the data nor Spark, for each covariance type
   * that will be fitted: what a command line runs before it starts Spark, so that a bad value is
   * reported at once (the fit runs the same checks again).
   */
  public static void check(FitSettings settings, Wording wording, Records records, List<CovarianceType> covariances) {
    for (CovarianceType c : covariances) {
      family(settings, wording, c, records);
    }
  }

  /**
   * Reads, validates and caches the records as the settings' family reads them; refuses values
   * that would overflow the family's sums of squares ({@link DataChecks}).
   */
  public LoadedData load(Records records) {
    Family<?> family = family(settings.covariance(), records);
    LoadedData data = LoadedData.load(spark, records, family);
    try {
      checks = DataChecks.of(data, wording);
      checks.beforeFit(family);
    } catch (RuntimeException e) {
      data.release();
      throw e;
    }
    planned.clear();
    return data;
  }

  /**
   * The candidate with covariance structure {@code covariance} (where the family has one) and k
   * components: checks k, and either resumes its checkpoint or draws its starts. {@code label}
   * prefixes its progress lines and names its checkpoint subdirectory.
   */
  public Candidate<?> candidate(CovarianceType covariance, LoadedData data, int k, String label) {
    return candidate(family(covariance, data.records()), covariance, data, k, label);
  }

  private <M extends Model> Candidate<M> candidate(Family<M> unbound, CovarianceType covariance, LoadedData data,
      int k, String label) {
    Family<M> family = data.bind(unbound);
    if (k < 1) {
      throw new UserError(wording.name(Setting.K) + " must be >= 1, got " + k);
    }
    // Before any θ is drawn: every candidate on these data runs in the same passes.
    planned.add(new MemoryCheck.Planned(family, k, settings.init() instanceof Init.FromModel ? 1 : settings.restarts()));
    MemoryCheck.check(spark, planned, data.data().features().size(), data.data().blocks().getNumPartitions(),
        wording);
    CheckpointFile checkpoint = CheckpointFile.of(spark, settings, family, covariance, data, k, label);
    List<FitState<M>> states = checkpoint == null ? null : checkpoint.resumed(family, settings, label);
    List<FitState<M>> initial = states != null ? states
        : Starts.of(spark, settings, wording, data.records(), family, initSource(data), k).stream()
            .map(FitState::start).toList();
    return new Candidate<>(family, k, initial, label, checkpoint, null);
  }

  /** {@code fit}: load, fit one candidate of k components, release the cache. */
  public FitOutcome fit(Records records, int k) {
    if (k < 1) {
      throw new UserError(wording.name(Setting.K) + " must be >= 1, got " + k);
    }
    LoadedData data = load(records);
    try {
      return fitAll(List.of(candidate(settings.covariance(), data, k, "")), data).get(0);
    } finally {
      data.release();
    }
  }

  /**
   * {@code update}: EM on {@code records} starting from the saved model's θ, every M-step adding
   * the model's statistics times {@code decay} (D in [0, 1]) to the new records' ({@link EmLoop}'s
   * prior statistics), iterated to convergence on the new records. The settings are the saved
   * fit's ({@link SavedModel#settings}). The outcome is a complete model.json whose statistics,
   * records, total weight and log-likelihood are those of the blend; its provenance names the
   * model and the decay ({@code update}).
   */
  public FitOutcome update(Records records, SavedModel saved, double decay) {
    checkUpdate(records, saved, decay);
    LoadedData data = load(records);
    try {
      return fitAll(List.of(updateCandidate(data, saved, decay)), data).get(0);
    } finally {
      data.release();
    }
  }

  /** What an update checks before reading a record: the decay, the family, the input's features. */
  public void checkUpdate(Records records, SavedModel saved, double decay) {
    if (!(decay >= 0 && decay <= 1)) {
      throw new UserError(wording.value(Setting.DECAY, decay) + " is outside [0, 1]; 1 counts the old data "
          + "fully, 0 forgets it");
    }
    if (!settings.family().supports(Capability.UPDATE)) {
      throw new UserError(saved.where() + ": an update blends the statistics of independent records; family '"
          + settings.family() + "' has none to blend (" + String.join(", ", Families.names(Capability.UPDATE))
          + " do): fit it again on all the data");
    }
    family(settings.covariance(), records);
    if (records instanceof Records.Files files) {
      UpdateChecks.sameFeatures(spark, files.spec(), saved);
    }
  }

  /** The one candidate of an update: θ and statistics × decay of the saved model (or its checkpoint). */
  public Candidate<?> updateCandidate(LoadedData data, SavedModel saved, double decay) {
    return updateCandidate(family(settings.covariance(), data.records()), data, saved, decay);
  }

  private <M extends Model> Candidate<M> updateCandidate(Family<M> unbound, LoadedData data, SavedModel saved,
      double decay) {
    Family<M> family = data.bind(unbound);
    M theta = saved.theta(family, wording);
    Starts.checkWidth(family, theta, data.data().width(), saved.where(), wording);
    SufficientStats prior = saved.prior(family, theta, decay);
    CheckpointFile checkpoint = CheckpointFile.of(spark, settings, family, settings.covariance(), data, theta.k(), "");
    List<FitState<M>> states = checkpoint == null ? null : checkpoint.resumed(family, settings, "");
    return new Candidate<>(family, theta.k(), states != null ? states : List.of(FitState.start(theta)), "",
        checkpoint, new Candidate.Prior(prior, saved.where(), decay));
  }

  /**
   * Fits every candidate — all their restarts — in one EM loop, so that each pass over the data
   * serves them all (a converged fit drops out). Each result equals the candidate's fit alone.
   * Outcomes in the order of {@code candidates}.
   */
  public List<FitOutcome> fitAll(List<? extends Candidate<?>> candidates, LoadedData data) {
    List<EmLoop.Job<?>> jobs = new ArrayList<>();
    for (Candidate<?> c : candidates) {
      addJobs(c, jobs);
    }
    Progress progress = new Progress(candidates, settings.maxIter(), progressInfo);
    List<FitResult<?>> results;
    try {
      results = EmLoop.runAll(jobs, source(data), loopOptions(), progress, saved -> {
        int at = 0;
        for (Candidate<?> c : candidates) {
          int n = c.states().size();
          c.save(saved.subList(at, at + n));
          at += n;
        }
      });
    } catch (FeaturesError e) {
      // The family names features by index; here they have names.
      throw new UserError(data.records().where() + e.describe(data.data().features()), e);
    }
    List<FitOutcome> outcomes = new ArrayList<>();
    int at = 0;
    for (Candidate<?> c : candidates) {
      int n = c.states().size();
      outcomes.add(outcome(c, results.subList(at, at + n), data, progress));
      at += n;
    }
    return outcomes;
  }

  private static <M extends Model> void addJobs(Candidate<M> c, List<EmLoop.Job<?>> jobs) {
    for (FitState<M> state : c.states()) {
      jobs.add(new EmLoop.Job<>(c.family(), state, c.prior() == null ? null : c.prior().statistics()));
    }
  }

  /** The best restart of one candidate (the first of equals), as model.json. */
  @SuppressWarnings("unchecked")
  private <M extends Model> FitOutcome outcome(Candidate<M> c, List<FitResult<?>> fits, LoadedData data,
      Progress progress) {
    List<FitResult<M>> results = fits.stream().map(r -> (FitResult<M>) r).toList();
    FitResult<M> best = results.stream().max(Comparator.comparingDouble(FitResult::logLikelihood)).orElseThrow();
    progress.done(c, best);
    ObjectNode json = FitDocument.of(spark, settings, data, c.family(), best, results);
    warn(json, c, best, data);
    if (c.prior() != null) {
      ObjectNode update = ((ObjectNode) json.path("provenance")).putObject("update");
      update.put("model", c.prior().model());
      update.put("decay", c.prior().decay());
    }
    return new FitOutcome(json, best, c.family());
  }

  /** Adds what the data say about the fit to model.json's warnings, and logs every warning. */
  private void warn(ObjectNode json, Candidate<?> c, FitResult<?> best, LoadedData data) {
    if (checks == null || !checks.of(data)) {
      checks = DataChecks.of(data, wording);
    }
    ArrayNode warnings = (ArrayNode) json.get("warnings");
    checks.warnings(c.family(), best.model()).forEach(warnings::add);
    warnings.forEach(w -> LOG.warn(c.label() + "warning: " + w.asText()));
  }

  /** Where the starting θs are drawn from: with missing cells integrated out, the complete records. */
  private StatisticsSource initSource(LoadedData data) {
    StatisticsSource all = source(data);
    return settings.missing() == MissingValues.MARGINALIZE ? new CompleteRowsSample(all) : all;
  }

  private StatisticsSource source(LoadedData data) {
    return new SparkStatisticsSource(SparkSessions.context(spark), data.data());
  }

  /** Whether the settings' family has a likelihood to compare candidates by; else a user error. */
  public void requireLikelihood(String why) {
    requireLikelihood(settings, wording, why);
  }

  /** {@link #requireLikelihood(String)} before there is a service (and Spark). */
  public static void requireLikelihood(FitSettings settings, Wording wording, String why) {
    if (!settings.family().supports(Capability.LIKELIHOOD)) {
      throw new UserError(why + "; " + wording.value(Setting.FAMILY, settings.family()) + " has none — use a "
          + "probabilistic family (" + String.join(", ", Families.names(Capability.LIKELIHOOD)) + "), e.g. "
          + wording.value(Setting.FAMILY, "gaussian") + " " + wording.value(Setting.COVARIANCE, "spherical"));
    }
  }

  /** Whether the family's entry needs the record column {@code column}. */
  public boolean needs(RecordColumn column) {
    return settings.family().needs(column);
  }
}
