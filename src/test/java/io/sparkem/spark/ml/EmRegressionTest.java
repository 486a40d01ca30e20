package io.sparkem.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import io.sparkem.testing.ModelContract;
import io.sparkem.testing.RegressionData;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML estimator with {@code family = "regression"}: the response is {@code labelCol}
 * (MLlib's name and default), the covariates the features vector; the fit is the command line's,
 * and transform's probabilities are the posteriors given x and y of the saved model.
 */
class EmRegressionTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Dataset<Row> noData(Path csv) {
    Dataset<Row> frame = SparkTest.spark().read().option("header", "true").option("inferSchema", "true")
        .csv(csv.toString());
    return new VectorAssembler().setInputCols(new String[] {"NO"}).setOutputCol("features").transform(frame);
  }

  @Test
  void fitsTheCommandLinesModelAndScoresGivenXAndY() throws Exception {
    Path csv = RegressionData.noDataCsv(dir.resolve("no/NOdata.csv"));
    Path out = dir.resolve("cli");
    Cli.Run run = Cli.run("fit", "--family", "regression", "--label-col", "Equivalence", "--input", csv.toString(),
        "--k", "2", "--seed", "3", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode cli = JSON.readTree(out.resolve("model.json").toFile());

    EmMixtureModel model = new EmMixture().setFamily("regression").setLabelCol("Equivalence").setK(2).setSeed(3)
        .fit(noData(csv));
    ModelContract.assertValidJson(model.toJson());
    JsonNode ml = JSON.readTree(model.toJson());
    assertThat(ml.path("labelCol").asText()).isEqualTo("Equivalence");
    assertThat(ml.path("iterations").asInt()).isEqualTo(cli.path("iterations").asInt());
    assertThat(ml.path("logLikelihood").asDouble()).isCloseTo(cli.path("logLikelihood").asDouble(), within(1e-9));
    for (int j = 0; j < 2; j++) {
      for (int a = 0; a < 2; a++) {
        assertThat(ml.path("components").get(j).path("coefficients").get(a).asDouble()).isCloseTo(
            cli.path("components").get(j).path("coefficients").get(a).asDouble(), within(1e-9));
      }
    }

    // transform: the posterior of component 0 given (x, y), from the model's own numbers.
    List<Row> scored = model.transform(noData(csv)).select("NO", "Equivalence", "probability").collectAsList();
    assertThat(scored).hasSize(RegressionData.NO_DATA.length);
    for (Row r : scored) {
      double x = r.getDouble(0);
      double y = r.getDouble(1);
      assertThat(((Vector) r.get(2)).apply(0)).isCloseTo(RegressionData.posteriorOfFirst(ml, x, y), within(1e-9));
    }
  }

  @Test
  void aMissingOrTextLabelColumnIsRefused() {
    Path csv = RegressionData.noDataCsv(dir.resolve("no/NOdata.csv"));
    assertThatThrownBy(() -> new EmMixture().setFamily("regression").fit(noData(csv)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'label' does not exist");
    Dataset<Row> text = noData(csv).withColumn("Equivalence", org.apache.spark.sql.functions.lit("a"));
    assertThatThrownBy(() -> new EmMixture().setFamily("regression").setLabelCol("Equivalence").fit(text))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelCol 'Equivalence' must be numeric");
  }
}
