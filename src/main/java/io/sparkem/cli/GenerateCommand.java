package io.sparkem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.Generative;
import io.sparkem.core.Model;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.fit.FitService;
import io.sparkem.fit.ModelJson;
import io.sparkem.registry.Capability;
import io.sparkem.registry.Families;
import io.sparkem.registry.FamilyEntry;
import io.sparkem.registry.FamilySettings;
import io.sparkem.spark.InputFormat;
import io.sparkem.spark.OutputDirectory;
import io.sparkem.spark.SparkSessions;
import io.sparkem.spark.SyntheticData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code submit/em generate}: N records from a random, well-separated mixture, readable by
 * {@code fit} as they are, and the true parameters beside them as PATH.truth.json.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Write synthetic mixture data with known parameters (PATH and PATH.truth.json).")
final class GenerateCommand implements Callable<Integer> {

  /** Recognises a PATH.truth.json this command wrote (its provenance says so). */
  static final Pattern TRUTH_MARKER = Pattern.compile("\"generatedBy\"\\s*:\\s*\"spark-em");

  @Spec CommandSpec command;

  @Mixin ConfigOption config;

  @Option(names = "--output", description = "output directory of the records" + RequiredOptions.NOTE)
  String output;

  @Option(names = "--n", description = "number of records" + RequiredOptions.NOTE)
  Long n;

  @Option(names = "--k", description = "number of components" + RequiredOptions.NOTE)
  Integer k;

  @Option(names = "--dimension",
      description = "number of features (regression: of covariates, beside the response column y)" + RequiredOptions.NOTE)
  Integer dimension;

  @Option(names = "--family", defaultValue = "gaussian", converter = CliTypes.FamilyConverter.class,
      description = "model family; default ${DEFAULT-VALUE}")
  FamilyEntry family;

  @Option(names = "--covariance", defaultValue = "full", description = "gaussian only; default ${DEFAULT-VALUE}")
  CovarianceType covariance;

  @Option(names = "--trials", defaultValue = "20",
      description = "binomial only: trials per record (column 'trials'); default ${DEFAULT-VALUE}")
  int trials;

  @Option(names = "--total", defaultValue = "50",
      description = "multinomial only: mean count total per record (Poisson); default ${DEFAULT-VALUE}")
  int total;

  @Option(names = "--seed", defaultValue = "42", description = "random seed; default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--format", defaultValue = "csv", description = "csv (default) | parquet")
  String format;

  @Option(names = "--overwrite", description = OverwriteOption.DESCRIPTION)
  boolean overwrite;

  @Override
  public Integer call() {
    RequiredOptions.check(command, "--output", "--n", "--k", "--dimension");
    if (n < 1 || k < 1 || dimension < 1) {
      throw new UserError("--n, --k and --dimension must all be >= 1");
    }
    InputFormat fmt = InputFormat.parse(format);
    if (fmt != InputFormat.CSV && fmt != InputFormat.PARQUET) {
      throw new UserError("--format " + format + ": generate writes csv or parquet");
    }
    if (!family.supports(Capability.GENERATE)) {
      throw new UserError("generate does not support --family " + family + "; it draws "
          + String.join(", ", Families.names(Capability.GENERATE)));
    }
    return generate(family.create(FamilySettings.defaults().withCovariance(covariance)), fmt);
  }

  private <M extends Model> int generate(Family<M> fam, InputFormat fmt) {
    Generative<M> gen = fam.generator().orElseThrow(() -> new UserError(
        "generate does not support --family " + fam.name() + " yet")).withSizes(new Generative.Sizes(trials, total));
    M truth = gen.randomTruth(k, dimension, new SplittableRandom(seed));
    write(SparkSessions.getOrCreate("spark-em generate"), fam, gen, truth, gen.columnNames(truth), output, n,
        seed, fmt, overwrite);
    return 0;
  }

  /** Writes the records and PATH.truth.json; prints the summary line. Shared with {@code demo}. */
  static <M extends Model> void write(SparkSession spark, Family<M> fam, Generative<M> gen, M truth,
      List<String> columns, String output, long n, long seed, InputFormat fmt, boolean overwrite) {
    long started = System.nanoTime();
    try (OutputDirectory out = OutputDirectory.prepare(spark.sparkContext().hadoopConfiguration(), output, overwrite,
        "generate", List.of())) {
      out.checkSibling(".truth.json", TRUTH_MARKER);
      SufficientStats stats = SyntheticData.write(spark, n, gen.sampler(truth), gen.weights(truth), columns, seed,
          fmt, out, fam.eStep(truth));
      out.writeSibling(".truth.json", ModelJson.bytes(truthJson(fam, gen, truth, columns, n, seed, stats)),
          TRUTH_MARKER);
      out.commit();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", "ok");
      summary.put("output", out.path());
      summary.put("truth", out.path() + ".truth.json");
      summary.put("records", n);
      summary.put("seconds", (System.nanoTime() - started) / 1e9);
      Main.printSummary(summary);
    }
  }

  /** The truth as a fit of its own records: the log-likelihood, or k-means' cost, of the pass. */
  private static <M extends Model> ObjectNode truthJson(Family<M> fam, Generative<M> gen, M truth,
      List<String> columns, long n, long seed, SufficientStats stats) {
    FitResult<M> asFit = new FitResult<>(truth, stats.logLikelihood(), stats, n, n, 0, false, List.of(),
        List.of());
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("generatedBy", "spark-em generate");
    provenance.put("seed", seed);
    provenance.put("emVersion", FitService.version());
    // The features are the leading columns; the rest (binomial's trials) are named by truthFields.
    ObjectNode json = ModelJson.of(fam, asFit, columns.subList(0, truth.dimension()), 0, provenance);
    gen.truthFields(truth).forEach((key, value) -> json.set(key, ModelJson.MAPPER.valueToTree(value)));
    return json;
  }
}
