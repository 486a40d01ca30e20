package io.sparkem.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.it.Launcher;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Degenerate data never yields NaN: either a sensible model (finite numbers, valid by
 * check-model.py, a warning in model.json where the fit had to do something deliberate), or exit 2
 * with the reason in one line.
 */
class DegenerateDataTest {

  @TempDir Path dir;
  private int runs;

  /** Exit 0 with a finite, valid model.json (returned), or exit 2 with one error line (null). */
  private JsonNode fitOrReason(String csv, String... options) throws Exception {
    Path in = Data.write(dir.resolve("in-" + runs + ".csv"), csv);
    Path out = dir.resolve("out-" + runs++);
    List<String> args = new ArrayList<>(List.of("fit", "--input", in.toString(), "--output", out.toString()));
    args.addAll(List.of(options));
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("internal error");
    assertThat(run.code()).as(run.err()).isIn(0, 2);
    if (run.code() == 2) {
      assertThat(run.err().lines().filter(l -> l.startsWith("em fit: error:")).count()).isEqualTo(1);
      assertThat(out).doesNotExist();
      return null;
    }
    String text = Files.readString(out.resolve("model.json"));
    assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    Launcher.Result check = Launcher.checkModel(out);
    assertThat(check.code()).as(check.out()).isZero();
    return new ObjectMapper().readTree(text);
  }

  private static String rows(String header, int n, java.util.function.IntFunction<String> row) {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (int i = 0; i < n; i++) {
      sb.append(row.apply(i)).append('\n');
    }
    return sb.toString();
  }

  private static String blobs(double scale, int n) {
    SplittableRandom rng = new SplittableRandom(1);
    return rows("x,y", n, i -> {
      double c = i % 2 == 0 ? 0 : 10;
      return (scale * (c + rng.nextGaussian())) + "," + (scale * (c + rng.nextGaussian()));
    });
  }

  @Test
  void allIdenticalRows() throws Exception {
    String same = rows("x,y", 50, i -> "3.5,-2");
    JsonNode m = fitOrReason(same, "--k", "1");
    assertThat(m).isNotNull();
    assertThat(m.path("components").get(0).path("mean").get(0).asDouble()).isEqualTo(3.5);
    assertThat(fitOrReason(same, "--k", "2")).as("k > distinct records is the user's fault").isNull();
    for (String family : List.of("poisson", "bernoulli", "multinomial", "kmeans")) {
      String counts = rows("a,b", 30, i -> "1,0");
      assertThat(fitOrReason(counts, "--k", "1", "--family", family)).as(family).isNotNull();
    }
  }

  @Test
  void aConstantFeature() throws Exception {
    SplittableRandom rng = new SplittableRandom(2);
    String csv = rows("x,c", 200, i -> (i % 2 * 10 + rng.nextGaussian()) + ",7");
    for (String cov : List.of("full", "diag", "tied", "spherical")) {
      assertThat(fitOrReason(csv, "--k", "2", "--covariance", cov)).as(cov).isNotNull();
    }
    String zeros = rows("a,b", 100, i -> (i % 2 * 5 + i % 3) + ",0");
    for (String family : List.of("poisson", "bernoulli", "multinomial")) {
      String data = family.equals("bernoulli") ? rows("a,b", 100, i -> (i % 2) + ",0") : zeros;
      fitOrReason(data, "--k", "2", "--family", family);
    }
  }

  @Test
  void kEqualToTheNumberOfDistinctRowsAndDuplicatedPoints() throws Exception {
    String three = rows("x,y", 60, i -> new String[] {"0,0", "5,1", "-3,8"}[i % 3]);
    JsonNode m = fitOrReason(three, "--k", "3");
    if (m != null) {
      assertThat(m.path("k").asInt()).isEqualTo(3);
    }
    SplittableRandom rng = new SplittableRandom(3);
    List<String> points = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      points.add((i % 2 * 10 + rng.nextGaussian()) + "," + (i % 2 * 10 + rng.nextGaussian()));
    }
    assertThat(fitOrReason(rows("x,y", 200, i -> points.get(i % 40)), "--k", "2")).isNotNull();
  }

  @Test
  void hugeAndTinyValues() throws Exception {
    JsonNode huge = fitOrReason(blobs(1e150, 200), "--k", "2");
    JsonNode tiny = fitOrReason(blobs(1e-150, 200), "--k", "2");
    JsonNode small = fitOrReason(blobs(1e-150, 200), "--k", "2", "--reg-covar", "0");
    System.out.printf("DegenerateDataTest: 1e150 %s, 1e-150 %s, 1e-150 without reg-covar %s%n",
        huge == null ? "exit 2" : "model", tiny == null ? "exit 2" : "model", small == null ? "exit 2" : "model");
  }

  @Test
  void aComponentThatEmptiesDuringTheFit() throws Exception {
    // Start from a model whose third component sits far from every record: it gets no
    // responsibility in the first E-step and must be handled without NaN, with a warning.
    Path start = Data.write(dir.resolve("start/model.json"), """
        {"family": "gaussian", "covariance": "full", "k": 3, "dimension": 2, "features": ["x", "y"],
         "components": [
           {"weight": 0.45, "mean": [0, 0], "covariance": [[1, 0], [0, 1]]},
           {"weight": 0.45, "mean": [10, 10], "covariance": [[1, 0], [0, 1]]},
           {"weight": 0.10, "mean": [1e6, -1e6], "covariance": [[1, 0], [0, 1]]}]}
        """);
    JsonNode m = fitOrReason(blobs(1, 200), "--k", "3", "--init", "model:" + start, "--max-iter", "10");
    assertThat(m).isNotNull();
    assertThat(m.path("warnings").toString()).contains("component 2");
    assertThat(m.path("components").get(2).path("weight").asDouble()).isZero();
  }
}
