package io.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.FamilyOptions;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianGenerator;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.fit.ModelJson;
import io.sparkem.spark.HadoopFiles;
import io.sparkem.spark.InputFormat;
import io.sparkem.spark.SparkSessions;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code submit/em demo}: the seed's story. 200 students' heights, men ~ N(172, 5²) and women
 * ~ N(162, 5²), mixed up with no labels; EM recovers the two groups. Generates the data, fits
 * k = 2 through the ordinary {@code fit} command, and prints the fitted groups beside the true ones.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Generate 200 students' heights (two hidden groups), fit k = 2, compare with the truth.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--workdir", description = "where the data and the model go (default: a spark-em-demo "
      + "directory under the system temp directory)")
  String workdir = Path.of(System.getProperty("java.io.tmpdir"), "spark-em-demo").toString();

  @Option(names = "--seed", defaultValue = "7", description = "random seed; default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--n", defaultValue = "200", description = "number of students; default ${DEFAULT-VALUE}")
  long n;

  @Override
  public Integer call() {
    GaussianFamily family = GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults());
    GaussianMixture truth = new GaussianMixture(family.shape(), new double[] {0.5, 0.5},
        new double[][] {{162}, {172}}, new double[][] {{25}, {25}});
    String data = Path.of(workdir, "heights").toAbsolutePath().toString();
    String model = Path.of(workdir, "model").toAbsolutePath().toString();
    SparkSession spark = SparkSessions.getOrCreate("spark-em demo");
    System.err.println("demo: " + n + " students' heights (cm), women ~ N(162, 5²), men ~ N(172, 5²), "
        + "labels hidden -> " + data);
    GenerateCommand.write(spark, family, new GaussianGenerator(family.shape()), truth, List.of("height"),
        data, n, seed, InputFormat.CSV, true);
    // The two groups overlap (means two standard deviations apart): plain EM creeps towards the
    // optimum in hundreds of small steps, SQUAREM's extrapolation gets there in a few dozen passes.
    System.err.println("demo: submit/em fit --input " + data + " --k 2 --accelerate squarem --output " + model
        + " --overwrite");
    int code = Main.run("fit", "--input", data, "--k", "2", "--accelerate", "squarem", "--output", model,
        "--overwrite", "--seed", String.valueOf(seed));
    if (code != 0) {
      return code;
    }
    JsonNode fitted = ModelJson.parse(new ByteArrayInputStream(HadoopFiles.read(spark, model, "--workdir")), model);
    List<JsonNode> comps = new ArrayList<>();
    fitted.path("components").forEach(comps::add);
    comps.sort(Comparator.comparingDouble(c -> c.path("mean").get(0).asDouble()));
    String[] names = {"women", "men"};
    System.err.println();
    System.err.println("            true: mean    sd  share   fitted: mean    sd  weight");
    for (int j = 0; j < 2; j++) {
      JsonNode c = comps.get(j);
      System.err.printf("  %-6s       %6.1f  %4.1f  %5.2f           %6.1f  %4.1f  %6.2f%n", names[j],
          truth.means()[j][0], 5.0, 0.5, c.path("mean").get(0).asDouble(),
          Math.sqrt(c.path("covariance").get(0).get(0).asDouble()), c.path("weight").asDouble());
    }
    System.err.println();
    System.err.println("demo: " + (fitted.path("converged").asBoolean() ? "converged" : "NOT converged")
        + " after " + fitted.path("iterations").asInt() + " passes; model written to " + model + "/model.json");
    return 0;
  }
}
