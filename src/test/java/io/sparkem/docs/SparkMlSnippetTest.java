package io.sparkem.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.spark.ml.EmMixture;
import io.sparkem.spark.ml.EmMixtureModel;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The Spark ML snippet of docs/spark-ml.md, run as it is printed there: the code between the DOCS
 * markers below is the page's ```java block line for line, and README's short version is its first
 * lines (the second test checks both), so the example a Spark developer copies is one that passes.
 */
class SparkMlSnippetTest {

  @Test
  void theSparkMlSnippetRuns() throws Exception {
    SparkSession spark = SparkTest.spark();
    // DOCS:begin
    Dataset<Row> people = spark.read().option("header", "true").option("inferSchema", "true")
        .csv("conf/examples/data/heights.csv");
    VectorAssembler assembler = new VectorAssembler()
        .setInputCols(new String[] {"height"}).setOutputCol("features");
    EmMixture em = new EmMixture().setK(2).setRestarts(4).setSeed(7).setAccelerate("squarem");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, em});
    PipelineModel fitted = pipeline.fit(people);
    fitted.transform(people).select("height", "prediction", "probability").show(5);

    EmMixtureModel model = (EmMixtureModel) fitted.stages()[1];
    System.out.println(model.summary());      // logLikelihood, trace, iterations, bic, aic, ...
    System.out.println(model.toJson());       // the model.json submit/em fit writes

    fitted.write().overwrite().save("target/heights-pipeline");
    PipelineModel again = PipelineModel.load("target/heights-pipeline");
    again.transform(people).groupBy("prediction").count().show();
    // DOCS:end

    // The groups the demo drew: women ~ N(162, 5²), men ~ N(172, 5²) (200 students).
    List<Double> means = new ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.toJson()).path("components")
        .forEach(c -> means.add(c.path("mean").get(0).asDouble()));
    means.sort(null);
    assertThat(means.get(0)).isCloseTo(162, within(3.0));
    assertThat(means.get(1)).isCloseTo(172, within(3.0));
    // The reloaded pipeline scores every row as the fitted one does.
    List<Row> before = fitted.transform(people).select("probability").collectAsList();
    List<Row> after = again.transform(people).select("probability").collectAsList();
    assertThat(after).hasSize(200);
    for (int i = 0; i < before.size(); i++) {
      assertThat(((Vector) after.get(i).get(0)).toArray())
          .containsExactly(((Vector) before.get(i).get(0)).toArray(), within(1e-15));
    }
  }

  @Test
  void theDocsShowExactlyThisCode() throws Exception {
    List<String> tested = DocSnippets.tested(Path.of("src/test/java/io/sparkem/docs/SparkMlSnippetTest.java"));
    assertThat(DocSnippets.block(Path.of("docs/spark-ml.md"), "## In Java", "java")).isEqualTo(tested);
    DocSnippets.assertShows(DocSnippets.block(Path.of("README.md"), "## In a Spark ML pipeline", "java"), tested);
  }
}
