package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets exit 2, one stderr line naming the file, the row and the column with the remedy,
 * and leaves no output; {@code --on-bad-record skip} drops and counts instead.
 */
class BadInputTest {

  @TempDir Path dir;

  private static final String GOOD = "1.0,2.0\n1.5,2.5\n9.0,9.5\n9.5,9.0\n";

  private Cli.Run fit(Path in, String... extra) {
    String[] base = {"fit", "--input", in.toString(), "--k", "2", "--output", dir.resolve("out").toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  private void assertRejected(String csv, String... expected) {
    Path in = Data.write(dir.resolve("bad.csv"), csv);
    Cli.Run run = fit(in);
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    String line = run.err().lines().filter(l -> l.startsWith("em fit: error:")).findFirst().orElseThrow();
    assertThat(line).contains("bad.csv").contains(expected).contains("--on-bad-record skip");
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void nonNumericValueNamesRowAndColumn() {
    // Data rows 1-4 are good; row 5 (line 6 counting the header) has text in column y.
    assertRejected("x,y\n" + GOOD + "3.0,abc\n", "row 5 (line 6)", "column 'y'", "'abc' is not a number");
  }

  @Test
  void nanAndInfinityAreBadInput() {
    assertRejected("x,y\n" + GOOD + "NaN,1\n", "row 5", "column 'x'", "is NaN");
    assertRejected("x,y\n1,2\n2,3\n1e999,3\n" + GOOD, "row 3", "column 'x'", "infinite");
    assertRejected("x,y\n" + GOOD + "-Infinity,1\n", "row 5", "is infinite");
  }

  @Test
  void wrongColumnCountAndEmptyCells() {
    assertRejected("x,y\n" + GOOD + "1,2,3\n", "row 5", "malformed");
    assertRejected("x,y\n1,2\n3\n" + GOOD, "row 2", "malformed");
    assertRejected("x,y\n1,2\n3,\n" + GOOD, "row 2", "column 'y'", "is empty");
  }

  @Test
  void negativeWeight() {
    Path in = Data.write(dir.resolve("bad.csv"), "x,y,w\n1,2,1\n2,3,1\n8,9,-0.5\n9,9,1\n");
    Cli.Run run = fit(in, "--weight-col", "w");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("row 3").contains("column 'w'").contains("negative");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void unknownFeatureColumnNamesTheColumns() {
    Path in = Data.write(dir.resolve("bad.csv"), "x,y\n" + GOOD);
    Cli.Run run = fit(in, "--features", "x,z");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no column 'z'").contains("[x, y]");
  }

  @Test
  void skipDropsAndCountsBadRecords() throws Exception {
    Path in = Data.write(dir.resolve("mixed.csv"), "x,y\n" + GOOD + "oops,1\n2,NaN\n" + GOOD + "1,2,3\n");
    Cli.Run run = fit(in, "--on-bad-record", "skip");
    assertThat(run.code()).as(run.err()).isZero();
    var m = new ObjectMapper().readTree(dir.resolve("out/model.json").toFile());
    assertThat(m.path("skippedRecords").asLong()).isEqualTo(3);
    assertThat(m.path("records").asLong()).isEqualTo(8);
  }

  @Test
  void textColumnsAreLeftOutOfTheDefaultFeatures() throws Exception {
    Path in = Data.write(dir.resolve("labelled.csv"),
        "name,x,y\na,1.0,2.0\nb,1.5,2.5\nc,9.0,9.5\nd,9.5,9.0\n");
    Cli.Run run = fit(in);
    assertThat(run.code()).as(run.err()).isZero();
    var m = new ObjectMapper().readTree(dir.resolve("out/model.json").toFile());
    assertThat(m.path("features").toString()).isEqualTo("[\"x\",\"y\"]");
  }
}
