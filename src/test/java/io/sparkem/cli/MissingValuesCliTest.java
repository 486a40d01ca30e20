package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --missing marginalize} end to end: what the loader accepts, what model.json records. */
class MissingValuesCliTest {

  @TempDir Path dir;

  /** Two blobs, (0,0) and (10,10), with every 7th x and every 5th y empty; never both. */
  private String csvWithHoles(int n) {
    StringBuilder sb = new StringBuilder("x,y\n");
    List<double[]> rows = Data.twoBlobs(n, 3);
    for (int i = 0; i < n; i++) {
      boolean noX = i % 7 == 3;
      boolean noY = !noX && i % 5 == 1;
      sb.append(noX ? "" : String.valueOf(rows.get(i)[0])).append(',')
          .append(noY ? (i % 2 == 0 ? "NaN" : "") : String.valueOf(rows.get(i)[1])).append('\n');
    }
    return sb.toString();
  }

  private static long holes(int n) {
    long c = 0;
    for (int i = 0; i < n; i++) {
      c += (i % 7 == 3 || i % 5 == 1) ? 1 : 0;
    }
    return c;
  }

  private Cli.Run fit(Path in, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("fit", "--input", in.toString(), "--k", "2",
        "--output", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void marginalizeFitsAndRecordsTheMissingCells() throws Exception {
    Path in = Data.write(dir.resolve("holes.csv"), csvWithHoles(600));
    Path out = dir.resolve("m");
    Cli.Run run = fit(in, out, "--missing", "marginalize");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode m = FitCommandTest.model(out);
    assertThat(m.path("missing").asText()).isEqualTo("marginalize");
    assertThat(m.path("missingCells").asLong()).isEqualTo(holes(600));
    assertThat(m.path("records").asLong()).isEqualTo(600);
    List<Double> firstCoords = new java.util.ArrayList<>();
    m.path("components").forEach(c -> firstCoords.add(c.path("mean").get(0).asDouble()));
    firstCoords.sort(null);
    assertThat(firstCoords.get(0)).isBetween(-0.3, 0.3);
    assertThat(firstCoords.get(1)).isBetween(9.7, 10.3);
    ContractCheck.assertValid(out);
  }

  @Test
  void withoutTheFlagAMissingCellIsStillBadInput() {
    Path in = Data.write(dir.resolve("holes.csv"), csvWithHoles(50));
    Cli.Run run = fit(in, dir.resolve("o"));
    assertThat(run.code()).isEqualTo(2);
    // Row 2 (index 1) is the first with an empty y.
    assertThat(run.err()).contains("row 2").contains("column 'y'");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void aRecordWithEveryFeatureMissingIsReportedByRow() {
    Path in = Data.write(dir.resolve("empty-row.csv"), "x,y\n1,2\n1.5,\n9,9\n,NaN\n9.5,9\n1,1\n");
    Cli.Run run = fit(in, dir.resolve("o"), "--missing", "marginalize");
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    String line = run.err().lines().filter(l -> l.startsWith("em fit: error:")).findFirst().orElseThrow();
    assertThat(line).contains("empty-row.csv").contains("row 4").contains("every feature");
    assertThat(dir.resolve("o")).doesNotExist();

    Path out = dir.resolve("skipped");
    Cli.Run skip = fit(in, out, "--missing", "marginalize", "--on-bad-record", "skip");
    assertThat(skip.code()).as(skip.err()).isZero();
    assertThat(skip.err()).doesNotContain("error");
  }

  @Test
  void infinityIsStillBadAndOtherFamiliesRefuseTheFlag() {
    Path in = Data.write(dir.resolve("inf.csv"), "x,y\n1,2\n1.5,Infinity\n9,9\n9.5,9\n");
    Cli.Run inf = fit(in, dir.resolve("o"), "--missing", "marginalize");
    assertThat(inf.code()).isEqualTo(2);
    assertThat(inf.err()).contains("row 2").contains("infinite");

    Cli.Run poisson = fit(in, dir.resolve("p"), "--missing", "marginalize", "--family", "poisson");
    assertThat(poisson.code()).isEqualTo(2);
    assertThat(poisson.err()).contains("--missing marginalize is for --family gaussian only");

    Cli.Run typo = fit(in, dir.resolve("t"), "--missing", "impute");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("--missing impute");
  }

  @Test
  void completeDataGiveTheSameModelWithOrWithoutTheFlag() throws Exception {
    Path in = Data.csv(dir.resolve("full.csv"), "x,y", Data.twoBlobs(300, new SplittableRandom(1).nextLong()));
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertThat(fit(in, a).code()).isZero();
    assertThat(fit(in, b, "--missing", "marginalize").code()).isZero();
    JsonNode ma = FitCommandTest.model(a);
    JsonNode mb = FitCommandTest.model(b);
    assertThat(mb.path("components")).isEqualTo(ma.path("components"));
    assertThat(mb.path("logLikelihood").asDouble()).isEqualTo(ma.path("logLikelihood").asDouble());
    assertThat(mb.path("missingCells").asLong()).isZero();
  }
}
