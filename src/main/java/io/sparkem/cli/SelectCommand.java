package io.sparkem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.fit.FitService;
import io.sparkem.fit.LoadedData;
import io.sparkem.fit.ModelJson;
import io.sparkem.fit.Wording;
import io.sparkem.registry.Capability;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.OutputDirectory;
import io.sparkem.spark.SparkSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code submit/em select}: fits every candidate (each k of {@code --k-range}, each
 * {@code --covariance} listed) on the same cached data and keeps the lowest BIC. All candidates
 * advance together, one pass over the data per iteration for all of them ({@link
 * io.sparkem.fit.FitService#fitAll}); each result equals the candidate's own {@code fit} with the same seed. Writes
 * DIR/selection.json (one row per candidate) and the best model as DIR/model.json.
 */
@Command(name = "select", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Fit every candidate k (and covariance type) and keep the model with the lowest BIC.")
final class SelectCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Mixin ConfigOption config;

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  @Mixin InputOptions input;

  @Option(names = "--output", description = "output directory (selection.json, model.json)" + RequiredOptions.NOTE)
  String output;

  @Option(names = "--format", defaultValue = "csv",
      description = "input format: csv (default) | parquet | json | libsvm")
  String format;

  @Option(names = "--k-range", description = "candidate k: 1..8, or a list 2,4,6" + RequiredOptions.NOTE)
  String kRange;

  @Mixin FitOptions options;

  @Option(names = "--overwrite", description = OverwriteOption.DESCRIPTION)
  boolean overwrite;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    RequiredOptions.check(command, "--input", "--k-range", "--output");
    List<Integer> ks = parseRange(kRange);
    InputSpec spec = input.spec(format, options.trialsCol, options.trials, options.labelCol);
    options.check(spec, options.covariance);
    FitService.requireLikelihood(options.settings(), Wording.CLI, "select compares likelihoods (BIC)");
    SparkSession spark = SparkSessions.getOrCreate("spark-em select");
    try (OutputDirectory out = OutputDirectory.prepare(spark.sparkContext().hadoopConfiguration(), output, overwrite,
        "select", options.reads(spec))) {
      FitJob job = new FitJob(spark, options, spec);
      LoadedData data = job.load(options.covariance);
      List<Candidate> rows = new ArrayList<>();
      FitJob.Outcome best = null;
      try {
        int total = ks.size() * options.covariance.size();
        boolean named = options.family.supports(Capability.COVARIANCE_TYPES);
        List<io.sparkem.fit.Candidate<?>> candidates = new ArrayList<>();
        for (CovarianceType covariance : options.covariance) {
          for (int k : ks) {
            String label = "candidate " + (candidates.size() + 1) + "/" + total + " (k=" + k
                + (named ? ", " + covariance : "") + ")  ";
            candidates.add(job.service().candidate(covariance, data, k, label));
          }
        }
        // Every candidate advances in the same passes over the data.
        List<FitJob.Outcome> outcomes = job.fitAll(candidates, data);
        for (int i = 0; i < outcomes.size(); i++) {
          FitJob.Outcome o = outcomes.get(i);
          Candidate c = new Candidate(candidates.get(i).k(), candidates.get(i).family().name(),
              o.modelJson().path("covariance").asText(null),
              o.best().logLikelihood(), o.best().model().freeParameters(), o.best().bic(), o.best().aic(),
              o.best().iterations(), o.best().converged());
          rows.add(c);
          LOG.info(String.format("%sbic %.3f  aic %.3f  logLikelihood %.6f  parameters %d",
              candidates.get(i).label(), c.bic, c.aic, c.logLikelihood, c.parameters));
          if (best == null || o.best().bic() < best.best().bic()) {
            best = o;
          }
        }
      } finally {
        data.release();
      }
      out.writeFile("selection.json", ModelJson.bytes(selectionJson(rows, best)));
      out.writeFile("model.json", ModelJson.bytes(best.modelJson()));
      ReportFile.write(out, best, rows.stream()
          .map(c -> new io.sparkem.report.ReportHtml.SelectionPoint(c.k, c.covariance, c.bic, c.aic)).toList());
      out.commit();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", "ok");
      summary.put("output", out.path());
      summary.put("candidates", rows.size());
      summary.put("k", best.best().model().k());
      summary.put("covariance", best.modelJson().path("covariance").asText(null));
      summary.put("iterations", best.best().iterations());
      summary.put("converged", best.best().converged());
      summary.put("logLikelihood", best.best().logLikelihood());
      summary.put("bic", best.best().bic());
      summary.put("seconds", (System.nanoTime() - started) / 1e9);
      Main.printSummary(summary);
      return 0;
    }
  }

  /** One fitted candidate, as selection.json lists it. */
  record Candidate(int k, String family, String covariance, double logLikelihood, int parameters,
      double bic, double aic, int iterations, boolean converged) {}

  private static ObjectNode selectionJson(List<Candidate> rows, FitJob.Outcome best) {
    ObjectNode root = ModelJson.MAPPER.createObjectNode();
    root.put("criterion", "bic");
    root.put("note", "bic = -2·logLikelihood + parameters·ln(totalWeight), aic = -2·logLikelihood + "
        + "2·parameters; lower is better (scikit-learn's sign); the best model is model.json");
    ObjectNode chosen = root.putObject("best");
    chosen.put("k", best.best().model().k());
    chosen.put("covariance", best.modelJson().path("covariance").asText(null));
    chosen.put("bic", best.best().bic());
    ArrayNode list = root.putArray("candidates");
    for (Candidate c : rows) {
      list.add(ModelJson.MAPPER.valueToTree(c));
    }
    return root;
  }

  /** "1..8" or "2,4,6" or "3". */
  static List<Integer> parseRange(String text) {
    List<Integer> ks = new ArrayList<>();
    try {
      for (String part : text.split(",")) {
        String p = part.trim();
        int dots = p.indexOf("..");
        if (dots >= 0) {
          int from = Integer.parseInt(p.substring(0, dots).trim());
          int to = Integer.parseInt(p.substring(dots + 2).trim());
          for (int k = from; k <= to; k++) {
            ks.add(k);
          }
        } else {
          ks.add(Integer.parseInt(p));
        }
      }
    } catch (NumberFormatException e) {
      throw new UserError("--k-range " + text + ": expected a range like 1..8 or a list like 2,4,6");
    }
    if (ks.isEmpty() || ks.stream().anyMatch(k -> k < 1)) {
      throw new UserError("--k-range " + text + ": every k must be >= 1");
    }
    return ks;
  }
}
