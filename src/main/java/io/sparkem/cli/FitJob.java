package io.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.CompleteRowsSample;
import io.sparkem.core.EmLoop;
import io.sparkem.core.FitState;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.MissingValues;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.Model;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.UserError;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.HadoopFiles;
import io.sparkem.report.Assignments;
import io.sparkem.report.ReportSample;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.RecordSample;
import io.sparkem.spark.SequenceData;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkSessions;
import io.sparkem.spark.SparkStatisticsSource;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits from options to model.json: validate the options, load and cache the data once, choose the
 * starting points, run the EM loop (restarts share passes), keep the best. {@code fit} runs one
 * k; {@code select} runs several candidates over the same cached data.
 */
final class FitJob {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  private final SparkSession spark;
  private final FitOptions options;
  private final InputSpec input;
  /** --family hmm: the loaded sequences (set by {@link #load}). */
  private SequenceData.Loaded sequences;
  /** The report's sample of the records, drawn once per loaded data set and shared by candidates. */
  private double[][] reportRows;
  private SparkData reportRowsOf;
  /** What the loaded data say before and after a fit (set by {@link #load}). */
  private DataChecks checks;

  FitJob(SparkSession spark, FitOptions options, InputSpec input) {
    this.spark = spark;
    this.options = options;
    this.input = input;
  }

  /**
   * What a fit leaves: the model.json tree, the headline numbers for the summary line, and a
   * bounded sample of the records with their most probable components for report.html (null when
   * the report has no scatter: d = 1, hidden Markov models).
   */
  record Outcome(ObjectNode modelJson, FitResult<?> best, ReportSample sample) {

    Outcome(ObjectNode modelJson, FitResult<?> best) {
      this(modelJson, best, null);
    }
  }

  /** The family the options name, with {@code covariance} for gaussian; checks the options. */
  Family<?> family(String covariance) {
    return FitChecks.family(options, input, covariance);
  }

  /** {@code --missing}. */
  MissingValues missing() {
    return MissingValues.parse(options.missing);
  }

  /** The loop's options; a bad value is the user's to fix. */
  EmOptions emOptions() {
    return FitChecks.emOptions(options);
  }

  /** Reads, validates and caches the input for {@code family}. */
  SparkData load(Family<?> family) {
    SparkData data;
    if (family instanceof HmmFamily<?> hmm) {
      sequences = HmmFit.load(spark, input, options, hmm);
      data = sequences.data();
    } else {
      data = SparkData.load(spark, input, family.recordCheck());
    }
    try {
      checks = DataChecks.of(data, sequences == null ? -1 : sequences.sequences(), input.path());
    } catch (RuntimeException e) {
      data.release();
      throw e;
    }
    return data;
  }

  /**
   * Before the first pass over loaded data: refuses values that overflow the families' sums of
   * squares, and fits that cannot fit in memory ({@link MemoryCheck}).
   */
  void preflight(List<MemoryCheck.Planned> planned, SparkData data) {
    for (MemoryCheck.Planned p : planned) {
      checks.beforeFit(p.family());
    }
    MemoryCheck.check(spark, planned, data.features().size(), data.blocks().getNumPartitions());
  }

  /**
   * One candidate model: a family, a k, the states its restarts start from (fresh θs, or those
   * of a checkpoint with --resume), the label that prefixes its progress lines, and where its
   * checkpoints go (null for none).
   */
  record Candidate<M extends Model>(Family<M> family, int k, List<FitState<M>> states, String label,
      CheckpointFile checkpoint) {

    /** Saves this candidate's share of the loop's states, when it has a checkpoint file. */
    @SuppressWarnings("unchecked")
    void save(List<FitState<?>> saved) {
      if (checkpoint != null) {
        checkpoint.sink(family).save(saved.stream().map(s -> (FitState<M>) s).toList());
      }
    }
  }

  /** The candidate of {@code family} with k components: checks k and draws the starts. */
  <M extends Model> Candidate<M> candidate(Family<M> unbound, SparkData data, int k, String label) {
    Family<M> family = HmmFit.bind(unbound, sequences);
    if (k < 1) {
      throw new UserError("--k must be >= 1, got " + k);
    }
    // select's candidates each keep their own file, in a subdirectory named after the label.
    String sub = label.isBlank() ? "" : "/" + label.trim().replaceAll("[^A-Za-z0-9=]+", "-").replaceAll("-$", "");
    CheckpointFile checkpoint = options.checkpointDir == null ? null
        : new CheckpointFile(spark, options.checkpointDir + sub, identity(family, data, k, label));
    List<FitState<M>> states = null;
    if (options.resume) {
      if (checkpoint == null) {
        throw new UserError("--resume needs --checkpoint-dir DIR (where the interrupted fit saved its state)");
      }
      states = checkpoint.load(family).orElse(null);
      if (states == null) {
        LOG.warn("--resume: no checkpoint in " + options.checkpointDir + "; starting from the beginning");
      } else {
        LOG.info(label + "--resume: continuing " + states.size() + " fit(s) from " + options.checkpointDir
            + " after iteration " + states.stream().mapToInt(s -> s.trace().size()).max().orElse(0));
      }
    }
    List<FitState<M>> initial = states != null ? states
        : starts(family, initSource(data), k).stream().map(FitState::start).toList();
    return new Candidate<>(family, k, initial, label, checkpoint);
  }

  /** Where the starting θs are drawn from: with --missing marginalize, the complete records. */
  private StatisticsSource initSource(SparkData data) {
    StatisticsSource all = source(data);
    return missing() == MissingValues.MARGINALIZE ? new CompleteRowsSample(all) : all;
  }

  private StatisticsSource source(SparkData data) {
    return new SparkStatisticsSource(SparkSessions.context(spark), data);
  }

  /** One fit of k components on loaded data. {@code label} prefixes the progress lines. */
  <M extends Model> Outcome fit(Family<M> family, SparkData data, int k, String label) {
    return fitAll(List.of(candidate(family, data, k, label)), data).get(0);
  }

  /**
   * Fits every candidate — all their restarts — in one EM loop, so that each pass over the data
   * serves them all (a converged fit drops out). Each result equals the candidate's fit alone.
   * Outcomes in the order of {@code candidates}.
   */
  List<Outcome> fitAll(List<? extends Candidate<?>> candidates, SparkData data) {
    List<EmLoop.Job<?>> jobs = new ArrayList<>();
    List<Candidate<?>> owner = new ArrayList<>();
    List<Integer> restart = new ArrayList<>();
    for (Candidate<?> c : candidates) {
      addJobs(c, jobs);
      for (int r = 0; r < c.states().size(); r++) {
        owner.add(c);
        restart.add(r);
      }
    }
    double[] spent = new double[owner.size()];
    int[] passes = new int[owner.size()];
    IterationListener progress = (fit, e, delta) -> {
      Candidate<?> c = owner.get(fit);
      spent[fit] += e.seconds();
      passes[fit]++;
      String eta = Eta.format(spent[fit] / passes[fit], options.maxIter - e.iteration());
      LOG.info(String.format("%s%siteration %d/%d  %s  delta %s  %.2f s%s", c.label(),
          c.states().size() > 1 ? "restart " + (restart.get(fit) + 1) + "/" + c.states().size() + "  " : "",
          e.iteration(), options.maxIter,
          e.cost().isPresent() ? String.format("cost %.6f", e.cost().getAsDouble())
              : String.format("logLikelihood %.6f", e.logLikelihood()),
          Double.isNaN(delta) ? "-" : String.format("%.3e", delta), e.seconds(), eta.isEmpty() ? "" : "  " + eta)
          + (e.accepted() ? "" : "  (extrapolation rejected)"));
    };
    List<FitResult<?>> results = EmLoop.runAll(jobs, source(data), emOptions(), progress,
        saved -> {
          int at = 0;
          for (Candidate<?> c : candidates) {
            int n = c.states().size();
            c.save(saved.subList(at, at + n));
            at += n;
          }
        });
    List<Outcome> outcomes = new ArrayList<>();
    int at = 0;
    for (Candidate<?> c : candidates) {
      int n = c.states().size();
      outcomes.add(outcome(c, results.subList(at, at + n), data));
      at += n;
    }
    return outcomes;
  }

  private static <M extends Model> void addJobs(Candidate<M> c, List<EmLoop.Job<?>> jobs) {
    for (FitState<M> state : c.states()) {
      jobs.add(new EmLoop.Job<>(c.family(), state));
    }
  }

  /** The best restart of one candidate as model.json. */
  @SuppressWarnings("unchecked")
  private <M extends Model> Outcome outcome(Candidate<M> c, List<FitResult<?>> fits, SparkData data) {
    List<FitResult<M>> results = fits.stream().map(r -> (FitResult<M>) r).toList();
    FitResult<M> best = results.stream()
        .max(Comparator.comparingDouble(FitResult::logLikelihood)).orElseThrow();
    LOG.info(String.format("%sdone: %s after %d iterations (%s)", c.label(),
        best.cost().isPresent() ? String.format("cost %.6f", best.cost().getAsDouble())
            : String.format("logLikelihood %.6f", best.logLikelihood()),
        best.iterations(), best.converged() ? "converged" : "not converged"));
    ObjectNode json = ModelJson.of(c.family(), best, data.features(), data.skipped(),
        provenance(results, data, c.k()));
    json.put("accelerate", emOptions().accelerate().cliName());
    json.put("miniBatch", options.miniBatch);
    json.put("recordsRead", best.recordsRead());
    if (missing() != MissingValues.FAIL) {
      json.put("missing", missing().cliName());
      json.put("missingCells", data.missingCells());
    }
    if (input.hasTrials()) {
      if (input.trialsCol() != null) {
        json.put("trialsCol", input.trialsCol());
      } else {
        json.put("trials", input.trials());
      }
    }
    if (c.family() instanceof HmmFamily<?>) {
      HmmFit.addFields(json, best, options);
    }
    warn(json, c, best);
    return new Outcome(json, best, reportSample(c.family(), best.model(), data));
  }

  /** Adds what the data say about the fit to model.json's warnings, and says all of them on stderr. */
  private void warn(ObjectNode json, Candidate<?> c, FitResult<?> best) {
    var warnings = (com.fasterxml.jackson.databind.node.ArrayNode) json.get("warnings");
    checks.warnings(c.family(), best.model()).forEach(warnings::add);
    warnings.forEach(w -> LOG.warn(c.label() + "warning: " + w.asText()));
  }

  /**
   * The report's sample with each row's most probable component under θ; null where the report
   * draws no scatter (d = 1, hidden Markov models). A failure here only costs the scatter.
   */
  private <M extends Model> ReportSample reportSample(Family<M> family, M theta, SparkData data) {
    if (family instanceof HmmFamily<?> || theta.dimension() < 2
        || !(family.eStep(theta) instanceof MixtureEStep step)) {
      return null;
    }
    try {
      if (reportRowsOf != data) {
        reportRows = RecordSample.draw(data, ReportSample.MAX_POINTS, options.seed);
        reportRowsOf = data;
      }
      return new ReportSample(reportRows, Assignments.mostProbable(step, reportRows, data.width()), data.records());
    } catch (RuntimeException e) {
      LOG.warn("report.html: no scatter plot, the sample of the records failed: " + e);
      return null;
    }
  }

  /** What a checkpoint must match to be resumed: the same fit of the same data. */
  private ObjectNode identity(Family<?> family, SparkData data, int k, String label) {
    ObjectNode id = ModelJson.MAPPER.createObjectNode();
    id.put("family", family.name());
    id.put("covariance", options.family.equals("gaussian") ? options.covariance : null);
    id.put("k", k);
    id.put("candidate", label);
    id.put("input", input.path());
    id.put("features", String.join(",", data.features()));
    id.put("records", data.records());
    id.put("seed", options.seed);
    id.put("init", options.init);
    id.put("restarts", options.restarts);
    return id;
  }

  /** {@code fit}: load, fit k, release. */
  Outcome run(int k) {
    Family<?> family = family(options.covariance);
    if (k < 1) {
      throw new UserError("--k must be >= 1, got " + k);
    }
    SparkData data = load(family);
    try {
      preflight(List.of(new MemoryCheck.Planned(family, k, options.restarts)), data);
      return fit(family, data, k, "");
    } finally {
      data.release();
    }
  }

  private <M extends Model> List<M> starts(Family<M> family, StatisticsSource source, int k) {
    if (options.init.startsWith("model:")) {
      String path = options.init.substring("model:".length());
      byte[] bytes = HadoopFiles.read(spark, path, "--init");
      JsonNode root = ModelJson.parse(new ByteArrayInputStream(bytes), path);
      M theta = ModelJson.model(family, root, path, -1);
      if (theta.k() != k) {
        throw new UserError(path + ": the model has k = " + theta.k() + " but --k is " + k
            + "; pass --k " + theta.k());
      }
      if (family.blockWidth(theta.dimension()) != source.dimension()) {
        throw new UserError(path + ": the model has dimension " + theta.dimension() + " but the input has "
            + (source.dimension() - family.blockWidth(0)) + " features; check --features");
      }
      if (options.restarts > 1) {
        LOG.warn("--restarts " + options.restarts + " is ignored with --init model:PATH (one start)");
      }
      return List.of(theta);
    }
    InitMethod method = switch (options.init) {
      case "kmeans++" -> InitMethod.KMEANS_PLUS_PLUS;
      case "random" -> InitMethod.RANDOM;
      default -> throw new UserError("--init " + options.init + ": expected kmeans++, random or model:PATH");
    };
    int distinct = source.distinctRecords(k);
    if (distinct < k) {
      throw new UserError(input.path() + ": --k " + k + " is larger than the number of distinct records ("
          + distinct + "); lower --k");
    }
    return Initializer.starts(family, source, k, method, options.restarts, options.seed);
  }

  private Map<String, Object> provenance(List<? extends FitResult<?>> results, SparkData data, int k) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("input", input.path());
    p.put("format", input.format().name().toLowerCase());
    p.put("seed", options.seed);
    p.put("init", options.init);
    p.put("restarts", options.restarts);
    p.put("restartLogLikelihoods", results.stream().map(FitResult::logLikelihood).toList());
    p.put("maxIter", options.maxIter);
    p.put("tol", options.tol);
    p.put("regCovar", options.regCovar);
    p.put("fixWeights", options.fixWeights);
    p.put("pseudoCount", options.pseudoCount);
    p.put("weightCol", input.weightCol());
    p.put("sparkVersion", SparkSessions.version(spark));
    p.put("emVersion", Main.version());
    p.put("partitions", data.blocks().getNumPartitions());
    return p;
  }
}
