package io.sparkem.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The estimator's {@code miniBatch} and {@code missing} params: the same loop as the CLI's flags. */
class EmMixturePassesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Two blobs at (0,0,0) and (8,8,8); every 4th row has one coordinate NaN when {@code holes}. */
  private static Dataset<Row> frame(int n, boolean holes) {
    SplittableRandom rng = new SplittableRandom(4);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double c = i % 2 == 0 ? 0 : 8;
      double[] x = {c + rng.nextGaussian(), c + rng.nextGaussian(), c + rng.nextGaussian()};
      if (holes && i % 4 == 1) {
        x[i % 3] = Double.NaN;
      }
      rows.add(RowFactory.create(Vectors.dense(x)));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false);
    return SparkTest.spark().createDataFrame(rows, schema).repartition(2);
  }

  @Test
  void missingMarginalizeFitsRowsWithNaN() throws Exception {
    Dataset<Row> data = frame(2000, true).cache();
    JsonNode m = JSON.readTree(new EmMixture().setK(2).setMissing("marginalize").fit(data).toJson());
    assertThat(m.path("missing").asText()).isEqualTo("marginalize");
    assertThat(m.path("missingCells").asLong()).isEqualTo(500);
    List<Double> firsts = new ArrayList<>();
    m.path("components").forEach(c -> firsts.add(c.path("mean").get(2).asDouble()));
    firsts.sort(null);
    assertThat(firsts.get(0)).isBetween(-0.15, 0.15);
    assertThat(firsts.get(1)).isBetween(7.85, 8.15);
    // Without the param a NaN is bad input, as before.
    assertThatThrownBy(() -> new EmMixture().setK(2).fit(data)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void miniBatchIsReproducibleAndRecorded() throws Exception {
    Dataset<Row> data = frame(4000, false).cache();
    EmMixture em = new EmMixture().setK(2).setMiniBatch(0.5).setMaxIter(10).setTol(0).setSeed(3);
    JsonNode a = JSON.readTree(em.fit(data).toJson());
    JsonNode b = JSON.readTree(em.fit(data).toJson());
    assertThat(a.path("components")).isEqualTo(b.path("components"));
    assertThat(a.path("miniBatch").asDouble()).isEqualTo(0.5);
    assertThat(a.path("iterations").asInt()).isEqualTo(10);
    assertThat(a.path("recordsRead").asLong()).isBetween(4000L, 4000L * 11);
    assertThatThrownBy(() -> new EmMixture().setMiniBatch(0.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
