package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit} end to end in this JVM: exit codes, model.json, determinism, output handling. */
class FitCommandTest {

  @TempDir Path dir;

  static JsonNode model(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("model.json").toFile());
  }

  private Path blobs() {
    return Data.csv(dir.resolve("in/blobs.csv"), "x,y", Data.twoBlobs(400, 1));
  }

  @Test
  void fitsTwoBlobsAndWritesTheContractFields() throws Exception {
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--input", blobs().toString(), "--k", "2", "--output", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode m = model(out);
    assertThat(m.path("family").asText()).isEqualTo("gaussian");
    assertThat(m.path("covariance").asText()).isEqualTo("full");
    assertThat(m.path("k").asInt()).isEqualTo(2);
    assertThat(m.path("dimension").asInt()).isEqualTo(2);
    assertThat(m.path("features").toString()).isEqualTo("[\"x\",\"y\"]");
    assertThat(m.path("records").asLong()).isEqualTo(400);
    assertThat(m.path("totalWeight").asDouble()).isEqualTo(400.0);
    assertThat(m.path("parameters").asInt()).isEqualTo(11); // 1 weight + 2·2 means + 2·3 covariances
    double ll = m.path("logLikelihood").asDouble();
    assertThat(m.path("bic").asDouble()).isCloseTo(-2 * ll + 11 * Math.log(400), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.path("aic").asDouble()).isCloseTo(-2 * ll + 22, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.path("converged").asBoolean()).isTrue();
    assertThat(m.path("trace").size()).isEqualTo(m.path("iterations").asInt());
    double[] means = {m.path("components").get(0).path("mean").get(0).asDouble(),
        m.path("components").get(1).path("mean").get(0).asDouble()};
    java.util.Arrays.sort(means);
    assertThat(means[0]).isCloseTo(0, org.assertj.core.data.Offset.offset(0.3));
    assertThat(means[1]).isCloseTo(10, org.assertj.core.data.Offset.offset(0.3));
    assertThat(run.lastLine()).startsWith("{\"status\":\"ok\"");
    ContractCheck.assertValid(out);
    assertNoTemporaryLeft(dir);
  }

  @Test
  void sameSeedGivesTheSameModel() throws Exception {
    Path in = blobs();
    Cli.Run a = Cli.run("fit", "--input", in.toString(), "--k", "3", "--seed", "5", "--output", dir.resolve("a").toString());
    Cli.Run b = Cli.run("fit", "--input", in.toString(), "--k", "3", "--seed", "5", "--output", dir.resolve("b").toString());
    assertThat(a.code()).isZero();
    assertThat(b.code()).isZero();
    assertThat(model(dir.resolve("b")).path("components"))
        .isEqualTo(model(dir.resolve("a")).path("components"));
    assertThat(model(dir.resolve("b")).path("logLikelihood"))
        .isEqualTo(model(dir.resolve("a")).path("logLikelihood"));
  }

  @Test
  void existingOutputIsAnErrorWithoutOverwriteAndReplacedWithItWhenThisToolWroteIt() throws Exception {
    Path in = blobs();
    Path out = dir.resolve("out");
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", out.toString()).code()).isZero();
    String first = Files.readString(out.resolve("model.json"));

    Cli.Run refused = Cli.run("fit", "--input", in.toString(), "--k", "3", "--output", out.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("already exists").contains("--overwrite");
    assertThat(out.resolve("model.json")).hasContent(first);

    Cli.Run replaced = Cli.run("fit", "--input", in.toString(), "--k", "3", "--output", out.toString(), "--overwrite");
    assertThat(replaced.code()).isZero();
    assertThat(model(out).path("k").asInt()).isEqualTo(3);
    assertNoTemporaryLeft(dir);

    // A directory this tool did not write is never replaced (OutputSafetyTest has the other cases).
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("keep.txt"), "old");
    Cli.Run kept = Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", foreign.toString(), "--overwrite");
    assertThat(kept.code()).isEqualTo(2);
    assertThat(kept.err()).contains("not written by spark-em");
    assertThat(foreign.resolve("keep.txt")).hasContent("old");
  }

  @Test
  void kLargerThanTheDistinctRecordsIsTheUsersFault() {
    Path in = Data.write(dir.resolve("three.csv"), "x,y\n6,9\n5,10\n4,11\n6,9\n");
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--k", "4", "--output", dir.resolve("o").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("larger than the number of distinct records (3)");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void badFlagsExitWithTwo() {
    assertThat(Cli.run("fit", "--input", "x.csv", "--output", "o", "--k", "2", "--bogus").code()).isEqualTo(2);
    assertThat(Cli.run("fit", "--input", "x.csv", "--output", "o").code()).isEqualTo(2); // --k missing
    Cli.Run k0 = Cli.run("fit", "--input", blobs().toString(), "--output", dir.resolve("o").toString(), "--k", "0");
    assertThat(k0.code()).isEqualTo(2);
    assertThat(k0.err()).contains("--k must be >= 1");
    Cli.Run missing = Cli.run("fit", "--input", dir.resolve("nope.csv").toString(), "--output",
        dir.resolve("o").toString(), "--k", "2");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.csv").contains("no such file");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void initFromAModelWithZeroIterationsGivesItBack() throws Exception {
    Path in = blobs();
    Path first = dir.resolve("first");
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", first.toString()).code()).isZero();
    Path again = dir.resolve("again");
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", again.toString(),
        "--init", "model:" + first.resolve("model.json"), "--max-iter", "0");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(model(again).path("components")).isEqualTo(model(first).path("components"));
    assertThat(model(again).path("iterations").asInt()).isZero();
    assertThat(model(again).path("logLikelihood").asDouble())
        .isCloseTo(model(first).path("logLikelihood").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void weightTwoEqualsADuplicatedRecord() throws Exception {
    List<double[]> rows = Data.twoBlobs(60, 3);
    StringBuilder weighted = new StringBuilder("x,y,w\n");
    StringBuilder duplicated = new StringBuilder("x,y\n");
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      int w = i % 3 == 0 ? 2 : 1;
      weighted.append(r[0]).append(',').append(r[1]).append(',').append(w).append('\n');
      for (int c = 0; c < w; c++) {
        duplicated.append(r[0]).append(',').append(r[1]).append('\n');
      }
    }
    Path start = dir.resolve("start");
    Path w = Data.write(dir.resolve("w.csv"), weighted.toString());
    Path d = Data.write(dir.resolve("d.csv"), duplicated.toString());
    assertThat(Cli.run("fit", "--input", d.toString(), "--k", "2", "--output", start.toString(), "--max-iter", "1").code()).isZero();
    String init = "model:" + start.resolve("model.json");
    assertThat(Cli.run("fit", "--input", w.toString(), "--weight-col", "w", "--k", "2", "--init", init,
        "--max-iter", "20", "--tol", "0", "--output", dir.resolve("ow").toString()).code()).isZero();
    assertThat(Cli.run("fit", "--input", d.toString(), "--k", "2", "--init", init,
        "--max-iter", "20", "--tol", "0", "--output", dir.resolve("od").toString()).code()).isZero();
    JsonNode mw = model(dir.resolve("ow"));
    JsonNode md = model(dir.resolve("od"));
    assertThat(mw.path("totalWeight").asDouble()).isEqualTo(md.path("totalWeight").asDouble());
    assertThat(mw.path("records").asLong()).isEqualTo(60);
    assertThat(md.path("records").asLong()).isEqualTo(80);
    for (int j = 0; j < 2; j++) {
      for (String f : List.of("weight")) {
        assertThat(mw.path("components").get(j).path(f).asDouble())
            .isCloseTo(md.path("components").get(j).path(f).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
      }
      for (int a = 0; a < 2; a++) {
        assertThat(mw.path("components").get(j).path("mean").get(a).asDouble())
            .isCloseTo(md.path("components").get(j).path("mean").get(a).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  static void assertNoTemporaryLeft(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.map(p -> p.getFileName().toString())
          .filter(n -> n.contains(".tmp-") || n.contains(".old-") || n.endsWith(".lock"))).isEmpty();
    }
  }
}
