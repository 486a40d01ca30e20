package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same records in CSV, Parquet, JSON and LibSVM give the same model (same start, same steps). */
class InputFormatsTest {

  @TempDir Path dir;

  @Test
  void everyFormatGivesTheSameModel() throws Exception {
    List<double[]> rows = Data.twoBlobs(120, 4);
    Path csv = Data.csv(dir.resolve("data.csv"), "x,y", rows);
    StringBuilder json = new StringBuilder();
    StringBuilder svm = new StringBuilder();
    for (double[] r : rows) {
      json.append("{\"x\":").append(r[0]).append(",\"y\":").append(r[1]).append("}\n");
      svm.append("0 1:").append(r[0]).append(" 2:").append(r[1]).append('\n');
    }
    Path jsonFile = Data.write(dir.resolve("data.json"), json.toString());
    Path svmFile = Data.write(dir.resolve("data.libsvm"), svm.toString());
    Dataset<Row> frame = SparkTest.spark().read().option("header", "true").option("inferSchema", "true")
        .csv(csv.toString());
    Path parquet = dir.resolve("data.parquet");
    frame.coalesce(1).write().parquet(parquet.toString());

    Path start = dir.resolve("start");
    assertThat(Cli.run("fit", "--input", csv.toString(), "--k", "2", "--max-iter", "2", "--output",
        start.toString()).code()).isZero();
    String init = "model:" + start;
    JsonNode reference = fit(csv, "csv", init, "c");
    assertSame(fit(parquet, "parquet", init, "p"), reference);
    assertSame(fit(jsonFile, "json", init, "j"), reference);
    JsonNode libsvm = fit(svmFile, "libsvm", init, "l");
    assertSame(libsvm, reference);
    assertThat(libsvm.path("features").toString()).isEqualTo("[\"f1\",\"f2\"]");
  }

  private JsonNode fit(Path in, String format, String init, String name) throws Exception {
    Path out = dir.resolve("out-" + name);
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--format", format, "--k", "2", "--init", init,
        "--max-iter", "10", "--output", out.toString());
    assertThat(run.code()).as(format + ": " + run.err()).isZero();
    return FitCommandTest.model(out);
  }

  private static void assertSame(JsonNode actual, JsonNode expected) {
    assertThat(actual.path("records")).isEqualTo(expected.path("records"));
    assertThat(actual.path("logLikelihood").asDouble())
        .isCloseTo(expected.path("logLikelihood").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    for (int j = 0; j < 2; j++) {
      for (int a = 0; a < 2; a++) {
        assertThat(actual.path("components").get(j).path("mean").get(a).asDouble()).isCloseTo(
            expected.path("components").get(j).path("mean").get(a).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }
}
