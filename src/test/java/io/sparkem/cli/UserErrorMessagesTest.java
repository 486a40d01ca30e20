package io.sparkem.cli;

import static io.sparkem.cli.OutputSafetyTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.fit.ModelJson;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first hour of a new user (issue #14, items 3, 6, 7, 8, 10): each mistake gets exit 2 and one
 * stderr line that names the file, column or component and says what to do, and no output; the
 * messages do not send the user after the wrong cause.
 */
class UserErrorMessagesTest {

  @TempDir Path dir;

  private Cli.Run fit(Path in, String... more) {
    boolean k = java.util.Arrays.asList(more).contains("--k");
    String[] base = k ? new String[] {"fit", "--input", in.toString(), "--output", dir.resolve("out").toString()}
        : new String[] {"fit", "--input", in.toString(), "--k", "2", "--output", dir.resolve("out").toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  @Test
  void anEmptyCsvFileIsNamedAloneAndAmongOthers() {
    Path alone = Data.write(dir.resolve("empty.csv"), "");
    assertRefused(fit(alone), "fit", "empty.csv: the file is empty (0 bytes)", "no header row");
    // Listed first: Spark would take its (absent) header for the whole directory's.
    Data.write(dir.resolve("data/a-empty.csv"), "");
    Data.csv(dir.resolve("data/b.csv"), "x,y", Data.twoBlobs(40, 1));
    assertRefused(fit(dir.resolve("data")), "fit", "a-empty.csv: the file is empty (0 bytes)");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aFileThatNoLongerMatchesItsChecksumFileIsTheInputsFault() throws Exception {
    Path in = dir.resolve("data/in.csv");
    FileSystem local = FileSystem.getLocal(SparkTest.spark().sparkContext().hadoopConfiguration());
    try (OutputStream out = local.create(new org.apache.hadoop.fs.Path(in.toString()))) {
      out.write(("x,y\n" + "1,2\n".repeat(20) + "9,9\n".repeat(20)).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(dir.resolve("data/.in.csv.crc")).exists();
    String text = Files.readString(in);
    Files.writeString(in, text.replace("9,9", "8,9")); // same length, other bytes: only the checksum tells
    Cli.Run run = fit(in);
    assertRefused(run, "fit", "in.csv: the file does not match its checksum file .in.csv.crc",
        "delete .in.csv.crc");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void overflowingDataNameTheColumnEvenAtOneComponent() {
    StringBuilder csv = new StringBuilder("a,b\n");
    for (int i = 0; i < 30; i++) {
      csv.append(i % 2 == 0 ? "1e308" : "-1e308").append(',').append(i * 0.1).append('\n');
    }
    Path in = Data.write(dir.resolve("huge.csv"), csv.toString());
    Cli.Run run = fit(in, "--k", "1");
    assertRefused(run, "fit", "huge.csv: the data overflow: column 'a'", "rescale the column");
    assertThat(run.err()).doesNotContain("--reg-covar").doesNotContain("lower --k");
    assertRefused(Cli.run("fit", "--input", in.toString(), "--k", "2", "--family", "kmeans", "--output",
        dir.resolve("out").toString()), "fit", "column 'a'");
  }

  @Test
  void aHandEditedModelThatIsNotPositiveDefiniteIsNamedWithItsComponent() throws Exception {
    Path in = Data.csv(dir.resolve("in.csv"), "x,y", Data.twoBlobs(100, 4));
    Path model = dir.resolve("model");
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", model.toString()).code()).isZero();
    var json = (com.fasterxml.jackson.databind.node.ObjectNode) FitCommandTest.model(model);
    var cov = (com.fasterxml.jackson.databind.node.ArrayNode) json.path("components").get(1).path("covariance");
    cov.set(0, ModelJson.MAPPER.readTree("[1.0, 2.0]"));
    cov.set(1, ModelJson.MAPPER.readTree("[2.0, 1.0]")); // eigenvalues 3 and -1
    Path edited = Files.write(dir.resolve("edited.json"), ModelJson.bytes(json));
    Cli.Run run = Cli.run("predict", "--model", edited.toString(), "--input", in.toString(), "--output",
        dir.resolve("p").toString());
    assertRefused(run, "predict", "edited.json: the covariance of component 1", "not positive definite",
        "edited or damaged");
    assertThat(run.err()).doesNotContain("--reg-covar");
  }

  @Test
  void aSemicolonSeparatedFileIsRecognisedAndReadWithDelimiter() throws Exception {
    StringBuilder csv = new StringBuilder("x;y\n");
    for (double[] r : Data.twoBlobs(80, 6)) {
      csv.append(r[0]).append(';').append(r[1]).append('\n');
    }
    Path in = Data.write(dir.resolve("semi.csv"), csv.toString());
    assertRefused(fit(in), "fit", "semi.csv", "looks ';'-separated", "--delimiter ';'");
    assertRefused(fit(in, "--features", "x,y"), "fit", "no column 'x'", "--delimiter ';'");
    Cli.Run run = fit(in, "--delimiter", ";");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(FitCommandTest.model(dir.resolve("out")).path("features").toString()).isEqualTo("[\"x\",\"y\"]");
  }

  @Test
  void optionsAreCheckedBeforeAnythingIsReadAndTheHelpSaysWhatIsRequired() {
    Path missing = dir.resolve("no-such-input.csv"); // never opened: the options fail first
    // Values picocli converts (families, --init, covariance types) fail as parse errors, in its words.
    assertOneLine(fit(missing, "--family", "nonsense"), "em fit: --family nonsense", "hmm", "kmeans");
    assertOneLine(fit(missing, "--init", "kmeans"), "em fit: --init kmeans", "kmeans++, random or model:PATH");
    assertOneLine(Cli.run("select", "--input", missing.toString(), "--output", "o", "--k-range", "1..2",
        "--covariance", "full,banded"), "em select: ", "banded");
    assertRefused(fit(missing, "--resume"), "fit", "--resume needs --checkpoint-dir");
    assertRefused(fit(missing, "--delimiter", ";;"), "fit", "--delimiter");
    assertRefused(fit(missing, "--family", "kmeans", "--missing", "marginalize"), "fit", "--missing marginalize");
    assertRefused(Cli.run("fit", "--input", missing.toString(), "--k", "2"), "fit",
        "missing required option --output", "--config");
    assertRefused(Cli.run("select", "--input", missing.toString(), "--output", "o", "--k-range", "1..2",
        "--family", "kmeans"), "select", "select compares likelihoods");

    Cli.Run help = Cli.run("fit", "--help");
    assertThat(help.code()).isZero();
    String usage = help.out();
    assertThat(usage).contains("[--input=<input>]").contains("[--k=<k>]").contains("[--output=<output>]");
    String flat = usage.replaceAll("\\s+", " ");
    assertThat(flat).contains("required: on the command line or in --config").contains("are DELETED");
  }

  /** Exit 2 and one stderr line that starts with {@code start} and contains every {@code expected}. */
  private static void assertOneLine(Cli.Run run, String start, String... expected) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as(run.err()).singleElement().asString().startsWith(start)
        .contains(expected);
  }

  @Test
  void runningOutOfMemoryIsOneLineWithExitOne() {
    StringWriter text = new StringWriter();
    Exception failure = new SparkException("Job aborted due to stage failure",
        new OutOfMemoryError("Java heap space"));
    int code = Failures.report(failure, "fit", new PrintWriter(text));
    assertThat(code).isEqualTo(1);
    assertThat(text.toString().lines().toList()).hasSize(1);
    assertThat(text.toString()).startsWith("em fit: out of memory (Java heap space)").contains("--driver-memory")
        .contains("--covariance diag").doesNotContain("\tat ");
  }
}
