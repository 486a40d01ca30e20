package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: the file supplies options, flags win, typos are errors, relative paths
 * follow the file; the shipped configs under conf/ run and say what they claim; a scheduler can
 * parse the last stdout line and wait for {@code _SUCCESS}.
 */
class ConfigFileTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFileSuppliesOptionsAndFlagsWin() throws Exception {
    // The heights: overlapping groups, so EM is far from converged after 3 iterations.
    Path data = Files.createDirectories(dir.resolve("jobs/data")).resolve("heights.csv");
    Files.copy(Path.of("conf/examples/data/heights.csv"), data);
    Path config = Files.writeString(dir.resolve("jobs/nightly.conf"), String.join("\n",
        "# relative paths are relative to this file's directory",
        "input = data/" + data.getFileName(),
        "output = out",
        "k = 2",
        "",
        "max-iter = 3",
        "tol = 0",
        "k-range = 1..3",
        "overwrite = true"));

    Cli.Run fromFile = Cli.run("fit", "--config", config.toString());
    assertThat(fromFile.code()).as(fromFile.err()).isZero();
    Path out = dir.resolve("jobs/out");
    JsonNode model = JSON.readTree(out.resolve("model.json").toFile());
    assertThat(model.path("iterations").asInt()).isEqualTo(3); // max-iter 3 with tol 0: exactly 3
    assertThat(model.path("k").asInt()).isEqualTo(2);
    assertThat(fromFile.err()).contains("'k-range' is not an option of 'em fit'; ignored");

    // A flag beats the file: same config, --max-iter 1 and --k 3 on the command line.
    Cli.Run flagged = Cli.run("fit", "--config", config.toString(), "--max-iter", "1", "--k", "3");
    assertThat(flagged.code()).as(flagged.err()).isZero();
    model = JSON.readTree(out.resolve("model.json").toFile());
    assertThat(model.path("iterations").asInt()).isEqualTo(1);
    assertThat(model.path("k").asInt()).isEqualTo(3);

    // The scheduler's view: the last stdout line is the run's JSON summary; _SUCCESS is there.
    JsonNode summary = JSON.readTree(flagged.lastLine());
    assertThat(summary.path("status").asText()).isEqualTo("ok");
    assertThat(summary.path("output").asText()).endsWith("jobs/out");
    assertThat(summary.path("iterations").asInt()).isEqualTo(1);
    assertThat(summary.has("logLikelihood") && summary.has("bic") && summary.has("seconds")).isTrue();
    assertThat(out.resolve("_SUCCESS")).exists().isEmptyFile();
  }

  @Test
  void aTypoIsAnErrorNamingTheFileAndLine() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.conf"), "input = x.csv\nmax-iters = 10\n");
    Cli.Run run = Cli.run("fit", "--config", config.toString(), "--output", dir.resolve("o").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains(config + " line 2: 'max-iters' is not an option of 'em fit'");
    assertThat(dir.resolve("o")).doesNotExist();

    Path noEquals = Files.writeString(dir.resolve("bad2.conf"), "k 3\n");
    Cli.Run run2 = Cli.run("fit", "--config", noEquals.toString());
    assertThat(run2.code()).isEqualTo(2);
    assertThat(run2.err()).contains(noEquals + " line 1: expected 'name = value'");

    Cli.Run missing = Cli.run("fit", "--config", dir.resolve("nope.conf").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.conf: no such file");
  }

  @Test
  void relativePathsFollowTheConfigFile() {
    Path base = Path.of("/etc/jobs");
    assertThat(ConfigFile.resolved("input", "data/x.csv", base)).isEqualTo("/etc/jobs/data/x.csv");
    assertThat(ConfigFile.resolved("output", "../out", base)).isEqualTo("/etc/out");
    assertThat(ConfigFile.resolved("init", "model:m/model.json", base)).isEqualTo("model:/etc/jobs/m/model.json");
    assertThat(ConfigFile.resolved("init", "kmeans++", base)).isEqualTo("kmeans++");
    assertThat(ConfigFile.resolved("input", "hdfs://nn:8020/d", base)).isEqualTo("hdfs://nn:8020/d");
    assertThat(ConfigFile.resolved("input", "/abs/x.csv", base)).isEqualTo("/abs/x.csv");
    assertThat(ConfigFile.resolved("features", "a/b", base)).isEqualTo("a/b");
  }

  /** conf/em-defaults.conf documents every option of fit, and the defaults it states are the real ones. */
  @Test
  void theDefaultConfigListsEveryFitOptionWithItsTrueDefault() throws Exception {
    Map<String, String> documented = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(Path.of("conf/em-defaults.conf"));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        assertThat(lines.get(i - 1)).as("a comment above " + line).startsWith("#");
        documented.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
      }
    }
    CommandLine fit = new CommandLine(new Main()).getSubcommands().get("fit");
    List<String> undocumented = new ArrayList<>();
    for (OptionSpec option : fit.getCommandSpec().options()) {
      String name = option.longestName().substring(2);
      if (List.of("help", "version", "config").contains(name)) {
        continue;
      }
      if (!documented.containsKey(name)) {
        undocumented.add(name);
        continue;
      }
      String stated = documented.get(name);
      String real = option.defaultValue() != null ? option.defaultValue()
          : option.type() == boolean.class ? "false" : "";
      assertThat(stated).as("default of " + name + " in conf/em-defaults.conf").isEqualTo(
          name.equals("format") ? "" : real);
    }
    assertThat(undocumented).as("fit options missing from conf/em-defaults.conf").isEmpty();
    assertThat(documented).containsKey("k-range");
  }

  /** The two-coin example as a config gives the paper's numbers (Do & Batzoglou 2008, Fig. 1b). */
  @Test
  void theTwoCoinConfigReproducesThePaper() throws Exception {
    Path out = dir.resolve("coins");
    Cli.Run run = Cli.run("fit", "--config", "conf/examples/two-coins.conf", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode components = JSON.readTree(out.resolve("model.json").toFile()).path("components");
    // After ten iterations: θA ≈ 0.80, θB ≈ 0.52 (the paper's figure, two decimals).
    assertThat(components.get(0).path("p").asDouble()).isCloseTo(0.80, within(0.005));
    assertThat(components.get(1).path("p").asDouble()).isCloseTo(0.52, within(0.005));
  }

  /** The heights config recovers the two groups the demo drew: 162 and 172 cm, sd 5. */
  @Test
  void theHeightsConfigFindsTheTwoGroups() throws Exception {
    Path out = dir.resolve("heights");
    Cli.Run run = Cli.run("fit", "--config", "conf/examples/heights.conf", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<Double> means = new ArrayList<>();
    JSON.readTree(out.resolve("model.json").toFile()).path("components")
        .forEach(c -> means.add(c.path("mean").get(0).asDouble()));
    means.sort(null);
    // 200 students, groups two standard deviations apart: within 3 cm of the truth.
    assertThat(means.get(0)).isCloseTo(162, within(3.0));
    assertThat(means.get(1)).isCloseTo(172, within(3.0));
  }

  /** The HDFS example is a valid config for fit (its paths are placeholders, so it is not run). */
  @Test
  void theParquetExampleParses() {
    CommandLine fit = new CommandLine(new Main()).getSubcommands().get("fit");
    ConfigFile config = ConfigFile.read("conf/examples/parquet-hdfs.conf", fit.getCommandSpec(),
        ConfigFile.optionNames(new CommandLine(new Main())));
    OptionSpec input = fit.getCommandSpec().findOption("--input");
    OptionSpec covariance = fit.getCommandSpec().findOption("--covariance");
    assertThat(config.defaultValue(input)).startsWith("hdfs://");
    assertThat(config.defaultValue(covariance)).isEqualTo("diag");
  }

  /** {@code --version} on the tool and on every command names both versions (Spark is pinned at 4.1.0 in pom.xml). */
  @Test
  void versionNamesTheProjectAndSpark() {
    for (String[] args : new String[][] {{"--version"}, {"fit", "--version"}, {"select", "--version"}}) {
      Cli.Run run = Cli.run(args);
      assertThat(run.code()).isZero();
      assertThat(run.out()).contains("spark-em ").contains("Apache Spark 4.1.0");
    }
  }
}
