package io.sparkem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.fit.ModelJson;
import io.sparkem.fit.Records;
import io.sparkem.fit.SavedModel;
import io.sparkem.fit.Scoring;
import io.sparkem.fit.Wording;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.ResultFile;
import io.sparkem.spark.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code submit/em score}: evaluates a fitted model on other records without changing it, the
 * monitoring step of a scheduled pipeline ("is today's data still like the training data?"). One
 * pass of the fit's E-step ({@link Scoring}); its JSON is the last stdout line and, with
 * {@code --output FILE}, that file (written atomically).
 */
@Command(name = "score", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Evaluate a fitted model on records: log-likelihood, log-density quantiles, and the share of "
        + "records below the training data's quantiles.")
final class ScoreCommand implements Callable<Integer> {

  /** A field only score's JSON holds: what --overwrite recognises as a file of ours. */
  static final String MARKER = "meanLogLikelihood";

  @Mixin ConfigOption config;

  @Option(names = "--model", required = true, description = "a fit's output directory, or its model.json")
  String model;

  @Mixin InputOptions input;

  @Option(names = "--output", paramLabel = "FILE", description = "also write the JSON to FILE (atomically)")
  String output;

  @Option(names = "--format", description = "input format: csv | parquet | json | libsvm (default: from the file "
      + "name, else csv)")
  String format;

  @Mixin ModelInputOptions modelInput;

  @Option(names = "--overwrite", description = "replace an existing FILE that an earlier score wrote")
  boolean overwrite;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    SparkSession spark = SparkSessions.getOrCreate("spark-em score");
    ResultFile file = output == null ? null
        : ResultFile.prepare(spark.sparkContext().hadoopConfiguration(), output, overwrite, MARKER,
            java.util.List.of(input.input, model));
    SavedModel saved = SavedModel.read(spark, model, "--model");
    InputSpec spec = modelInput.spec(input, format == null ? PredictCommand.guessFormat(input.input) : format,
        saved.root());
    ObjectNode report = Scoring.score(spark, saved, new Records.Files(spec, null), modelInput.missing, Wording.CLI);
    report.put("input", input.input);
    report.put("seconds", (System.nanoTime() - started) / 1e9);
    if (file != null) {
      file.write(ModelJson.bytes(report));
      report.put("output", file.path());
    }
    System.out.println(ModelJson.compact(report));
    System.out.flush();
    return 0;
  }
}
