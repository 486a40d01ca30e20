package io.sparkem.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad-input failure of the interface spec, with the bad record in the last split of the last
 * file of a multi-file input read as many partitions ({@code spark.sql.files.maxPartitionBytes}
 * 64 KiB): exit 2, one stderr line naming the file, the row (counted over the whole file, so the
 * records of the file's earlier splits are counted right) and the column, with the remedy; no
 * output left behind.
 */
class BadInputAtScaleTest {

  /** Rows per file: ~190 KiB of CSV, three or more 64 KiB splits. */
  private static final int ROWS = 4000;
  /** The bad record's 1-based row in the last file: inside its last split. */
  private static final int BAD_ROW = 3990;

  @TempDir Path dir;

  @BeforeEach
  void smallSplits() {
    SparkTest.spark().conf().set("spark.sql.files.maxPartitionBytes", "65536");
  }

  @AfterEach
  void defaultSplits() {
    SparkTest.spark().conf().unset("spark.sql.files.maxPartitionBytes");
  }

  /** Three CSV files a.csv, b.csv, c.csv; c.csv's row BAD_ROW is {@code bad}. */
  private Path csvInput(String header, Supplier<String> good, String bad) {
    Path in = dir.resolve("in");
    for (String name : List.of("a", "b", "c")) {
      StringBuilder sb = new StringBuilder(header).append('\n');
      for (int r = 1; r <= ROWS; r++) {
        sb.append(name.equals("c") && r == BAD_ROW ? bad : good.get()).append('\n');
      }
      Data.write(in.resolve(name + ".csv"), sb.toString());
    }
    return in;
  }

  private static Supplier<String> gaussianRows(int columns) {
    SplittableRandom rng = new SplittableRandom(3);
    return () -> {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        sb.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.12f", rng.nextGaussian() * 3 + (rng.nextBoolean() ? 10 : 0)));
      }
      return sb.toString();
    };
  }

  private Cli.Run fit(Path in, String... extra) {
    List<String> args = new ArrayList<>(List.of("fit", "--input", in.toString(), "--k", "2",
        "--max-iter", "2", "--output", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Exit 2, exactly one error line naming the file, row and column and the remedy, no output. */
  private void assertRejected(Cli.Run run, String file, String... expected) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    List<String> errors = run.err().lines().filter(l -> l.startsWith("em fit: error:")).toList();
    assertThat(errors).as(run.err()).hasSize(1);
    assertThat(errors.get(0)).contains(file);
    for (String e : expected) {
      assertThat(errors.get(0)).contains(e);
    }
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("internal error");
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(dir.toFile().list()).noneMatch(n -> n.startsWith(".out"));
  }

  private static final String ROW = "row " + BAD_ROW + " (line " + (BAD_ROW + 1) + ")";

  @Test
  void nonNumericValueInTheLastSplitOfTheLastFile() {
    Cli.Run run = fit(csvInput("x,y,z", gaussianRows(3), "1.5,abc,2.5"));
    assertRejected(run, "c.csv: " + ROW, "column 'y'", "'abc' is not a number", "--on-bad-record skip");
    assertThat(run.err()).doesNotContain("a.csv").doesNotContain("b.csv");
  }

  @Test
  void nanInfinityAndOverflow() {
    assertRejected(fit(csvInput("x,y,z", gaussianRows(3), "NaN,1,2")), "c.csv: " + ROW, "column 'x'", "NaN");
    assertRejected(fit(csvInput("x,y,z", gaussianRows(3), "1,-Infinity,2")), "c.csv: " + ROW, "column 'y'",
        "infinite");
    assertRejected(fit(csvInput("x,y,z", gaussianRows(3), "1,2,1e999")), "c.csv: " + ROW, "column 'z'",
        "infinite");
  }

  @Test
  void wrongColumnCountAndEmptyCell() {
    assertRejected(fit(csvInput("x,y,z", gaussianRows(3), "1,2,3,4")), "c.csv: " + ROW, "malformed");
    assertRejected(fit(csvInput("x,y,z", gaussianRows(3), "1,2")), "c.csv: " + ROW);
    assertRejected(fit(csvInput("x,y,z", gaussianRows(3), "1,,3")), "c.csv: " + ROW, "column 'y'", "empty");
  }

  @Test
  void negativeWeight() {
    Supplier<String> rows = gaussianRows(2);
    Path in = csvInput("x,y,w", () -> rows.get() + ",1", "1,2,-3");
    assertRejected(fit(in, "--weight-col", "w"), "c.csv: " + ROW, "column 'w'", "negative");
  }

  @Test
  void countOutOfRange() {
    SplittableRandom rng = new SplittableRandom(5);
    Supplier<String> counts = () -> rng.nextInt(20) + "," + rng.nextInt(20);
    assertRejected(fit(csvInput("a,b", counts, "3,-1"), "--family", "poisson"), "c.csv: " + ROW,
        "column 'b'", "non-negative integer count");
    Supplier<String> bits = () -> rng.nextInt(2) + "," + rng.nextInt(2);
    assertRejected(fit(csvInput("a,b", bits, "2,1"), "--family", "bernoulli"), "c.csv: " + ROW,
        "column 'a'", "0 or 1");
  }

  @Test
  void jsonLinesBadRecordInTheLastSplit() {
    Path in = dir.resolve("json");
    SplittableRandom rng = new SplittableRandom(9);
    for (String name : List.of("a", "b", "c")) {
      StringBuilder sb = new StringBuilder();
      for (int r = 1; r <= ROWS; r++) {
        sb.append(name.equals("c") && r == BAD_ROW ? "{\"x\": 1.0, \"y\": \"oops\"}"
            : String.format(Locale.ROOT, "{\"x\": %.12f, \"y\": %.12f}", rng.nextGaussian(), rng.nextGaussian()))
            .append('\n');
      }
      Data.write(in.resolve(name + ".json"), sb.toString());
    }
    assertRejected(fit(in, "--format", "json"), "c.json: record " + BAD_ROW);
  }

  @Test
  void theOtherUserFaults() {
    Path in = csvInput("x,y,z", gaussianRows(3), "1,2,3");
    assertRejected(fit(dir.resolve("missing.csv")), "missing.csv", "no such file");
    Path same = Data.write(dir.resolve("same/one.csv"), "x,y\n1,2\n1,2\n1,2\n");
    assertRejected(fit(same), "one.csv", "larger than the number of distinct records (1)");
    assertRejected(fit(in, "--features", "x,nope"), "no column 'nope'");
    Data.write(dir.resolve("out/model.json"), "{}");
    Cli.Run exists = fit(in);
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("already exists").contains("--overwrite");
  }
}
