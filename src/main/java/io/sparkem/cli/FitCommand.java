package io.sparkem.cli;

import io.sparkem.core.UserError;
import io.sparkem.fit.ModelJson;
import io.sparkem.spark.OutputDirectory;
import io.sparkem.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code submit/em fit}: fits a model and writes DIR/model.json atomically. */
@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Fit a mixture model by EM and write OUTPUT/model.json.")
final class FitCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Mixin ConfigOption config;

  @Mixin InputOptions input;

  @Option(names = "--output", description = "output directory (gets model.json)" + RequiredOptions.NOTE)
  String output;

  @Option(names = "--format", defaultValue = "csv",
      description = "input format: csv (default; header row expected) | parquet | json | libsvm")
  String format;

  @Option(names = "--k", description = "number of components (>= 1)" + RequiredOptions.NOTE)
  Integer k;

  @Mixin FitOptions options;

  @Option(names = "--overwrite", description = OverwriteOption.DESCRIPTION)
  boolean overwrite;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    RequiredOptions.check(command, "--input", "--k", "--output");
    var spec = input.spec(format, options.trialsCol, options.trials, options.labelCol);
    options.check(spec, List.of(options.oneCovariance()));
    if (k < 1) {
      throw new UserError("--k must be >= 1, got " + k);
    }
    SparkSession spark = SparkSessions.getOrCreate("spark-em fit");
    try (OutputDirectory out = OutputDirectory.prepare(spark.sparkContext().hadoopConfiguration(), output, overwrite,
        "fit", options.reads(spec))) {
      FitJob.Outcome outcome = new FitJob(spark, options, spec).run(k);
      out.writeFile("model.json", ModelJson.bytes(outcome.modelJson()));
      ReportFile.write(out, outcome, List.of());
      out.commit();
      Map<String, Object> summary = summary(out, outcome, started);
      Main.printSummary(summary);
      return 0;
    }
  }

  /** The last stdout line of {@code fit} and {@code update}. */
  static Map<String, Object> summary(OutputDirectory out, FitJob.Outcome outcome, long started) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("status", "ok");
    summary.put("output", out.path());
    summary.put("iterations", outcome.best().iterations());
    summary.put("converged", outcome.best().converged());
    if (outcome.best().cost().isPresent()) {
      summary.put("cost", outcome.best().cost().getAsDouble());
    } else {
      summary.put("logLikelihood", outcome.best().logLikelihood());
      summary.put("bic", outcome.best().bic());
    }
    summary.put("seconds", (System.nanoTime() - started) / 1e9);
    return summary;
  }
}
