package io.sparkem.cli;

import io.sparkem.fit.FitSettings;
import io.sparkem.fit.ModelJson;
import io.sparkem.fit.Records;
import io.sparkem.fit.SavedModel;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.OutputDirectory;
import io.sparkem.spark.SparkSessions;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code submit/em update}: incremental EM for data that arrives in batches. EM on the new records
 * starting from the model's θ, every M-step reading D × the model's statistics + the new records'
 * statistics under the current θ, until the new records' log-likelihood settles; writes a complete
 * fit output whose statistics are that blend, for the next update. The family, covariance, k,
 * features and M-step options are the model's (docs/pipeline.md).
 */
@Command(name = "update", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Fold a new batch of records into a fitted mixture model (incremental EM) and write "
        + "OUTPUT/model.json.")
final class UpdateCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(names = "--model", required = true,
      description = "the model to update: a fit's (or update's) output directory, or its model.json")
  String model;

  @Mixin InputOptions input;

  @Option(names = "--output", required = true, description = "output directory (gets model.json)")
  String output;

  @Option(names = "--decay", defaultValue = "1",
      description = "D in [0, 1]: the weight of the model's statistics in every M-step; 1 (default) counts the "
          + "old data fully, as one more batch; 0 forgets it (= fit --init model:DIR)")
  double decay;

  @Option(names = "--format", defaultValue = "csv",
      description = "input format: csv (default; header row expected) | parquet | json | libsvm")
  String format;

  @Mixin ModelInputOptions modelInput;

  @Option(names = "--max-iter", defaultValue = "100",
      description = "maximum EM iterations on the new records; default ${DEFAULT-VALUE}")
  int maxIter;

  @Option(names = "--tol", defaultValue = "1e-6",
      description = "stop when |change of the new records' mean log-likelihood| <= T; default ${DEFAULT-VALUE}")
  double tol;

  @Option(names = "--seed", defaultValue = "42", description = "recorded in the provenance; default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--checkpoint-dir", description = "save the state atomically after every iteration")
  String checkpointDir;

  @Option(names = "--resume", description = "continue from the last checkpoint in --checkpoint-dir")
  boolean resume;

  @Option(names = "--overwrite", description = OverwriteOption.DESCRIPTION)
  boolean overwrite;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    SparkSession spark = SparkSessions.getOrCreate("spark-em update");
    try (OutputDirectory out = OutputDirectory.prepare(spark.sparkContext().hadoopConfiguration(), output, overwrite,
        "update", List.of(input.input, model))) {
      SavedModel saved = SavedModel.read(spark, model, "--model");
      FitSettings loop = new FitSettings(saved.family(), null, null, 0, false, 0, modelInput.missing, maxIter, tol,
          null, 1, null, 1, seed, checkpointDir, resume);
      FitSettings settings = saved.settings(loop);
      InputSpec spec = modelInput.spec(input, format, saved.root());
      FitJob.Outcome outcome = new FitJob(spark, settings, new Records.Files(spec, null)).update(saved, decay);
      out.writeFile("model.json", ModelJson.bytes(outcome.modelJson()));
      ReportFile.write(out, outcome, List.of());
      out.commit();
      Main.printSummary(FitCommand.summary(out, outcome, started));
      return 0;
    }
  }
}
