package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.spark.OutputDirectory;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's data are never deleted or changed (issue #14, item 1; interface.md, {@code --overwrite}):
 * through the real command line on real files, every command refuses, with exit 2 and one line and
 * before it reads anything, an output that is an input, holds one, lies inside an input directory,
 * or is a file or non-empty directory this tool did not write — with or without {@code --overwrite}
 * — and afterwards every byte of the user's files is as it was. Also: an unwritable output location
 * is found before the data are read (item 4), one run at a time writes an output (item 10), and
 * {@code generate} leaves no {@code .crc} file beside its output (item 10).
 */
class OutputSafetyTest {

  @TempDir Path dir;

  /** Every file under {@code root} with its bytes: what "untouched" is compared with. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  /** Exit 2, exactly one line on stderr, from {@code em COMMAND: error:}, containing every {@code expected}. */
  static void assertRefused(Cli.Run run, String command, String... expected) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    List<String> lines = run.err().lines().toList();
    assertThat(lines).as(run.err()).hasSize(1);
    assertThat(lines.get(0)).startsWith("em " + command + ": error: ").contains(expected);
  }

  private Path blobs(Path file) {
    return Data.csv(file, "x,y", Data.twoBlobs(200, 3));
  }

  @Test
  void theInputIsNeverTheOutput() throws Exception {
    Path victim = blobs(dir.resolve("victim.csv"));
    Map<String, String> before = snapshot(dir);
    assertRefused(Cli.run("fit", "--input", victim.toString(), "--k", "2", "--output", victim.toString(),
        "--overwrite"), "fit", "the output is the input");
    assertRefused(Cli.run("select", "--input", victim.toString(), "--k-range", "1..2", "--output",
        victim.toString(), "--overwrite"), "select", "the output is the input");
    // a model is an input of predict (and of fit --init model:PATH)
    Path model = dir.resolve("model");
    assertThat(Cli.run("fit", "--input", victim.toString(), "--k", "2", "--output", model.toString()).code())
        .isZero();
    Map<String, String> withModel = snapshot(dir);
    assertRefused(Cli.run("predict", "--model", model.toString(), "--input", victim.toString(), "--output",
        model.toString(), "--overwrite"), "predict", "the output is the input");
    assertRefused(Cli.run("fit", "--input", victim.toString(), "--k", "2", "--init", "model:" + model,
        "--output", model.toString(), "--overwrite"), "fit", "the output is the input");
    assertThat(snapshot(dir)).isEqualTo(withModel);
    assertThat(withModel).containsAllEntriesOf(before);
  }

  @Test
  void anOutputHoldingTheInputOrInsideItsDirectoryIsRefused() throws Exception {
    Path project = dir.resolve("proj");
    Path in = blobs(project.resolve("data/in.csv"));
    Data.write(project.resolve("notes.txt"), "the user's notes");
    Map<String, String> before = snapshot(dir);
    assertRefused(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", project.toString(),
        "--overwrite"), "fit", "proj: the output contains the input", "in.csv");
    assertRefused(Cli.run("fit", "--input", project.resolve("data/*.csv").toString(), "--k", "2", "--output",
        project.toString(), "--overwrite"), "fit", "the output contains the input");
    assertRefused(Cli.run("select", "--input", in.toString(), "--k-range", "1..2", "--output",
        project.toString(), "--overwrite"), "select", "the output contains the input");
    assertRefused(Cli.run("predict", "--model", "unused", "--input", in.toString(), "--output",
        project.toString(), "--overwrite"), "predict", "the output contains the input");
    assertRefused(Cli.run("fit", "--input", project.resolve("data").toString(), "--k", "2", "--output",
        project.resolve("data/model").toString()), "fit", "inside the input directory");
    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void onlyOutputsThisToolWroteAreReplaced() throws Exception {
    Path in = blobs(dir.resolve("in/blobs.csv"));
    Path foreign = Data.write(dir.resolve("foreign/keep.txt"), "keep").getParent();
    Path file = Data.write(dir.resolve("report.pdf"), "a file");
    Map<String, String> before = snapshot(dir);
    for (Path out : List.of(foreign, file)) {
      assertRefused(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", out.toString(), "--overwrite"),
          "fit", out.getFileName().toString(), "not even with --overwrite");
      assertRefused(Cli.run("generate", "--output", out.toString(), "--n", "10", "--k", "1", "--dimension", "1",
          "--overwrite"), "generate", "not even with --overwrite");
    }
    assertThat(snapshot(dir)).isEqualTo(before);

    // an empty directory, then this tool's own output, are replaced
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", empty.toString(), "--overwrite")
        .code()).isZero();
    assertThat(empty.resolve("_SPARK_EM")).exists();
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "1", "--output", empty.toString(), "--overwrite")
        .code()).isZero();
    assertThat(FitCommandTest.model(empty).path("k").asInt()).isEqualTo(1);

    // a fit output of the versions before the marker: _SUCCESS, model.json, report.html (and .crc)
    Path legacy = dir.resolve("legacy");
    Files.createDirectories(legacy);
    for (String name : List.of("_SUCCESS", "model.json", "report.html", "._SUCCESS.crc", ".model.json.crc")) {
      Files.writeString(legacy.resolve(name), "");
    }
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", legacy.toString(), "--overwrite")
        .code()).isZero();
    FitCommandTest.assertNoTemporaryLeft(dir);
  }

  @Test
  void generateReplacesOnlyItsOwnTruthFileAndLeavesNoChecksumFileBeside() throws Exception {
    Path out = dir.resolve("gen/data");
    String[] args = {"generate", "--output", out.toString(), "--n", "50", "--k", "2", "--dimension", "2"};
    assertThat(Cli.run(args).code()).isZero();
    assertThat(Cli.run(concat(args, "--overwrite")).code()).isZero();
    try (Stream<Path> beside = Files.list(out.getParent())) {
      assertThat(beside.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data", "data.truth.json");
    }
    Path other = dir.resolve("gen/other");
    Data.write(dir.resolve("gen/other.truth.json"), "{\"the user's\": \"file\"}");
    assertRefused(Cli.run("generate", "--output", other.toString(), "--n", "50", "--k", "2", "--dimension", "2",
        "--overwrite"), "generate", "other.truth.json", "not written by spark-em");
    assertThat(dir.resolve("gen/other.truth.json")).hasContent("{\"the user's\": \"file\"}");
    assertThat(other).doesNotExist();
  }

  @Test
  void anUnwritableOutputLocationIsFoundBeforeTheDataAreRead() throws Exception {
    // Reading this input would fail on its row 2; the output's problem must be reported first.
    Path in = Data.write(dir.resolve("bad.csv"), "x,y\n1,2\nabc,3\n4,5\n");
    Path blocker = Data.write(dir.resolve("a-file"), "not a directory");
    String out = blocker.resolve("model").toString();
    assertRefused(Cli.run("fit", "--input", in.toString(), "--k", "1", "--output", out), "fit",
        "a-file is a file");
    assertRefused(Cli.run("predict", "--model", "unused", "--input", in.toString(), "--output", out), "predict",
        "a-file is a file");
    assertThat(blocker).hasContent("not a directory");
  }

  @Test
  void oneRunAtATimeWritesAnOutput() throws Exception {
    Path in = blobs(dir.resolve("in/blobs.csv"));
    Path out = dir.resolve("out");
    String[] fit = {"fit", "--input", in.toString(), "--k", "2", "--output", out.toString(), "--overwrite"};
    // another run holds the output (the same claim a concurrent submit/em takes)
    try (OutputDirectory other = OutputDirectory.prepare(SparkTest.spark().sparkContext().hadoopConfiguration(),
        out.toString(), true, "fit", List.of())) {
      assertRefused(Cli.run(fit), "fit", "another spark-em run", "is writing this output");
    }
    assertThat(Cli.run(fit).code()).isZero();

    // two runs at once, both with --overwrite: exactly one writes
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      runs.add(pool.submit(() -> {
        start.await();
        return Main.run(fit);
      }));
    }
    start.countDown();
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> run : runs) {
      codes.add(run.get());
    }
    pool.shutdown();
    assertThat(codes).containsExactlyInAnyOrder(0, 2);
    assertThat(out.resolve("model.json")).exists();
    FitCommandTest.assertNoTemporaryLeft(dir);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
