package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict}: the input records plus {@code cluster} and posterior probabilities. */
class PredictCommandTest {

  @TempDir Path dir;

  @Test
  void scoresEveryRecordIntoItsBlob() {
    List<double[]> rows = Data.twoBlobs(200, 11);
    Path in = Data.csv(dir.resolve("in.csv"), "x,y", rows);
    Path model = dir.resolve("model");
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", model.toString()).code()).isZero();

    Path out = dir.resolve("scored");
    Cli.Run run = Cli.run("predict", "--model", model.toString(), "--input", in.toString(), "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.lastLine()).contains("\"records\":200");

    List<Row> scored = SparkTest.spark().read().parquet(out.toString()).orderBy("x").collectAsList();
    assertThat(scored).hasSize(200);
    assertThat(SparkTest.spark().read().parquet(out.toString()).columns())
        .containsExactly("x", "y", "cluster", "probabilities", "logDensity");
    // The blob of a record (x < 5 is the blob at the origin) decides its cluster, one label per blob.
    int low = -1;
    for (Row r : scored) {
      double x = Double.parseDouble(r.getString(0));
      int cluster = r.getInt(2);
      List<Double> p = r.getList(3);
      assertThat(p.get(0) + p.get(1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(p.get(cluster)).isGreaterThanOrEqualTo(0.5);
      boolean origin = x + Double.parseDouble(r.getString(1)) < 10;
      if (low < 0 && origin) {
        low = cluster;
      }
      if (low >= 0) {
        assertThat(cluster == low).isEqualTo(origin);
      }
    }
  }

  @Test
  void csvOutputHasOneColumnPerProbability() {
    Path in = Data.csv(dir.resolve("in.csv"), "x,y", Data.twoBlobs(50, 2));
    Path model = dir.resolve("model");
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", model.toString()).code()).isZero();
    Path out = dir.resolve("scored");
    assertThat(Cli.run("predict", "--model", model.toString(), "--input", in.toString(), "--output",
        out.toString(), "--format", "csv").code()).isZero();
    var frame = SparkTest.spark().read().option("header", "true").csv(out.toString());
    assertThat(frame.columns()).containsExactly("x", "y", "cluster", "p_0", "p_1", "logDensity");
    assertThat(frame.count()).isEqualTo(50);
  }

  @Test
  void badRecordInPredictInputIsReported() {
    Path in = Data.csv(dir.resolve("in.csv"), "x,y", Data.twoBlobs(50, 2));
    Path model = dir.resolve("model");
    assertThat(Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", model.toString()).code()).isZero();
    Path bad = Data.write(dir.resolve("bad.csv"), "x,y\n1,2\n3,x\n");
    Path out = dir.resolve("scored");
    Cli.Run run = Cli.run("predict", "--model", model.toString(), "--input", bad.toString(), "--output", out.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("bad.csv: row 2").contains("column 'y'");
    assertThat(out).doesNotExist();
  }
}
