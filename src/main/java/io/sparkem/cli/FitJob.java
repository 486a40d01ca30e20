package io.sparkem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.fit.Candidate;
import io.sparkem.fit.FitOutcome;
import io.sparkem.fit.FitService;
import io.sparkem.fit.FitSettings;
import io.sparkem.fit.LoadedData;
import io.sparkem.fit.Records;
import io.sparkem.fit.SavedModel;
import io.sparkem.fit.Wording;
import io.sparkem.registry.RecordColumn;
import io.sparkem.report.Assignments;
import io.sparkem.report.ReportSample;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.RecordSample;
import io.sparkem.spark.SparkData;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line's side of a fit: {@code fit}'s and {@code select}'s options as the fit service's
 * settings and records, and each outcome with the report's sample of the records. The fit itself
 * — checks, load, starts, checkpoints, the shared EM loop, model.json — is {@link FitService}'s.
 */
final class FitJob {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  private final long seed;
  /** Whether the records carry a response: the report then draws y against x₁ even when d = 1. */
  private final boolean regression;
  private final FitService service;
  private final Records records;
  /** The report's sample of the records, drawn once per loaded data set and shared by candidates. */
  private double[][] reportRows;
  private SparkData reportRowsOf;

  FitJob(SparkSession spark, FitOptions options, InputSpec input) {
    this(spark, options.settings(), options.records(input));
  }

  /** A job of given settings and records ({@code update}: the saved fit's settings). */
  FitJob(SparkSession spark, FitSettings settings, Records records) {
    this.seed = settings.seed();
    this.regression = settings.family().needs(RecordColumn.LABEL);
    this.service = new FitService(spark, settings, Wording.CLI, true);
    this.records = records;
  }

  /**
   * What a fit leaves for the command: model.json, the headline numbers for the summary line, and
   * a bounded sample of the records with their most probable components for report.html (null
   * when the report has no scatter: d = 1, hidden Markov models).
   */
  record Outcome(FitOutcome fit, ReportSample sample) {
    ObjectNode modelJson() {
      return fit.modelJson();
    }

    FitResult<?> best() {
      return fit.best();
    }
  }

  FitService service() {
    return service;
  }

  /** {@code fit}: one covariance type, k components. */
  Outcome run(int k) {
    CovarianceType covariance = service.settings().covariance();
    service.family(covariance, records);
    if (k < 1) {
      throw new UserError("--k must be >= 1, got " + k);
    }
    LoadedData data = service.load(records);
    try {
      return fitAll(List.of(service.candidate(covariance, data, k, "")), data).get(0);
    } finally {
      data.release();
    }
  }

  /** {@code update}: the saved model continued on the records, its statistics × {@code decay} blended in. */
  Outcome update(SavedModel saved, double decay) {
    service.checkUpdate(records, saved, decay);
    LoadedData data = service.load(records);
    try {
      return fitAll(List.of(service.updateCandidate(data, saved, decay)), data).get(0);
    } finally {
      data.release();
    }
  }

  /** Checks the options of each covariance type, then loads the records once. */
  LoadedData load(List<CovarianceType> covariances) {
    covariances.forEach(c -> service.family(c, records));
    return service.load(records);
  }

  /** Every candidate in one shared loop, each outcome with its report sample. */
  List<Outcome> fitAll(List<? extends Candidate<?>> candidates, LoadedData data) {
    return service.fitAll(candidates, data).stream()
        .map(o -> new Outcome(o, reportSample(o, data.data()))).toList();
  }

  /**
   * The report's sample with each row's most probable component under θ; null where the report
   * draws no scatter (d = 1 but for a regression's y against x₁, or a family without per-record
   * posteriors of a mixture, such as a hidden Markov model). A failure here only costs the scatter.
   */
  private ReportSample reportSample(FitOutcome outcome, SparkData data) {
    Model theta = outcome.best().model();
    if ((theta.dimension() < 2 && !regression) || !(eStep(outcome) instanceof MixtureEStep step)) { // an HMM's is not
      return null;
    }
    try {
      if (reportRowsOf != data) {
        reportRows = RecordSample.draw(data, ReportSample.MAX_POINTS, seed);
        reportRowsOf = data;
      }
      return new ReportSample(reportRows, Assignments.mostProbable(step, reportRows, data.width()), data.records());
    } catch (RuntimeException e) {
      LOG.warn("report.html: no scatter plot, the sample of the records failed: " + e);
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static <M extends Model> EStep eStep(FitOutcome outcome) {
    Family<M> family = (Family<M>) outcome.family();
    return family.eStep((M) outcome.best().model());
  }
}
