package io.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.MissingValues;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.fit.ModelJson;
import io.sparkem.registry.Capability;
import io.sparkem.registry.Families;
import io.sparkem.registry.RecordColumn;
import io.sparkem.spark.HadoopFiles;
import io.sparkem.spark.InputFormat;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.OutputDirectory;
import io.sparkem.spark.Predictor;
import io.sparkem.spark.SparkSessions;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code submit/em predict}: the input records with {@code cluster}, the posterior probabilities
 * ({@code probabilities}, or {@code p_0..p_{k-1}} for CSV) and {@code logDensity} (every family with a
 * density), written atomically.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Assign records to the components of a fitted model.")
final class PredictCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Mixin ConfigOption config;

  @Option(names = "--model", description = "a fit's output directory, or its model.json" + RequiredOptions.NOTE)
  String model;

  @Mixin InputOptions input;

  @Option(names = "--output", description = "output directory of the scored records" + RequiredOptions.NOTE)
  String output;

  @Option(names = "--format", defaultValue = "parquet",
      description = "output format: parquet (default) | csv | json")
  String format;

  @Option(names = "--input-format",
      description = "input format: csv | parquet | json | libsvm (default: from the file name, else csv)")
  String inputFormat;

  @Mixin ModelInputOptions modelInput;

  @Option(names = "--overwrite", description = OverwriteOption.DESCRIPTION)
  boolean overwrite;

  @Option(names = "--sequence-col", description = "hmm only: the sequence column (default: the model's)")
  String sequenceCol;

  @Option(names = "--order-col", description = "hmm only: the order column (default: the model's)")
  String orderCol;

  @Option(names = "--max-sequence-length", defaultValue = "1000000",
      description = "hmm only: the longest sequence (records) one task holds; default ${DEFAULT-VALUE}")
  int maxSequenceLength;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    RequiredOptions.check(command, "--model", "--input", "--output");
    InputFormat outFormat = InputFormat.parse(format);
    if (outFormat == InputFormat.LIBSVM) {
      throw new UserError("--format libsvm cannot hold predictions; use parquet, csv or json");
    }
    if (maxSequenceLength < 1) {
      throw new UserError("--max-sequence-length must be >= 1, got " + maxSequenceLength);
    }
    input.spec(inputFormat == null ? guessFormat(input.input) : inputFormat, modelInput.trialsCol,
        Math.max(modelInput.trials, 0), modelInput.labelCol);
    SparkSession spark = SparkSessions.getOrCreate("spark-em predict");
    try (OutputDirectory out = OutputDirectory.prepare(spark.sparkContext().hadoopConfiguration(), output, overwrite,
        "predict", List.of(input.input, model))) {
      JsonNode root = ModelJson.parse(new ByteArrayInputStream(HadoopFiles.read(spark, model, "--model")), model);
      MissingValues missing = modelInput.missing;
      if (missing != MissingValues.FAIL && !Families.find(root.path("family").asText("gaussian"))
          .map(e -> e.supports(Capability.MISSING_VALUES)).orElse(false)) {
        throw new UserError("--missing " + missing + " is for --family " + String.join(" | ",
            Families.names(Capability.MISSING_VALUES)) + " only; the model's family is '"
            + root.path("family").asText() + "'");
      }
      Family<?> family = ModelJson.family(root, model, missing);
      InputSpec spec = modelInput.spec(input, inputFormat == null ? guessFormat(input.input) : inputFormat, root);
      long rows;
      boolean sequences = Families.find(family.name()).orElseThrow().needs(RecordColumn.SEQUENCE);
      rows = sequences
          ? HmmPredict.score(spark, family, root, model, spec, sequenceCol, orderCol, maxSequenceLength, outFormat, out)
          : score(spark, family, root, spec, outFormat, out);
      out.commit();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", "ok");
      summary.put("output", out.path());
      summary.put("records", rows);
      summary.put("seconds", (System.nanoTime() - started) / 1e9);
      Main.printSummary(summary);
      return 0;
    }
  }

  private <M extends Model> long score(SparkSession spark, Family<M> family, JsonNode root, InputSpec spec,
      InputFormat outFormat, OutputDirectory out) {
    M theta = ModelJson.model(family, root, model, -1);
    if (spec.features().size() != theta.dimension()) {
      throw new UserError(model + ": the model has " + theta.dimension() + " features but --features names "
          + spec.features().size());
    }
    EStep step = ModelChecks.eStep(() -> family.eStep(theta), theta, model);
    if (!(step instanceof MixtureEStep mixture)) {
      throw new UserError("predict does not support family " + family.name() + " yet");
    }
    return Predictor.predictTo(spark, spec, family.recordCheck(), mixture, outFormat, out);
  }

  static String guessFormat(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    for (String f : List.of("parquet", "json", "libsvm")) {
      if (p.endsWith("." + f) || p.contains("." + f + "/")) {
        return f;
      }
    }
    return p.endsWith(".svm") ? "libsvm" : "csv";
  }
}
