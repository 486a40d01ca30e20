package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k-means as hard EM against an independent implementation: Spark MLlib's KMeans from the same
 * initial centres, both run to convergence (Lloyd's fixed point), reach the same cost.
 */
class KMeansAgainstMllibTest {

  @TempDir Path dir;

  @Test
  void sameStartSameFinalCostAsMllib() throws Exception {
    List<double[]> rows = new ArrayList<>(Data.twoBlobs(300, 5));
    rows.addAll(Data.twoBlobs(100, 6).stream().map(r -> new double[] {r[0] + 20, r[1] - 5}).toList());
    Path in = Data.csv(dir.resolve("in.csv"), "x,y", rows);
    double[][] start = {{1, 1}, {2, 2}, {15, 0}};
    StringBuilder json = new StringBuilder("{\"family\":\"kmeans\",\"k\":3,\"dimension\":2,\"features\":[\"x\",\"y\"],\"components\":[");
    for (int j = 0; j < 3; j++) {
      json.append(j == 0 ? "" : ",").append("{\"mean\":[").append(start[j][0]).append(',').append(start[j][1]).append("]}");
    }
    Path init = Data.write(dir.resolve("start.json"), json.append("]}").toString());
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--family", "kmeans", "--input", in.toString(), "--k", "3",
        "--init", "model:" + init, "--tol", "0", "--max-iter", "100", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode ours = FitCommandTest.model(out);
    assertThat(ours.path("converged").asBoolean()).isTrue();

    List<Vector> points = rows.stream().map(Vectors::dense).toList();
    JavaRDD<Vector> rdd = SparkTest.jsc().parallelize(points, 2);
    Vector[] centres = new Vector[3];
    for (int j = 0; j < 3; j++) {
      centres[j] = Vectors.dense(start[j]);
    }
    KMeansModel mllib = new KMeans().setK(3).setMaxIterations(100).setEpsilon(0)
        .setInitialModel(new KMeansModel(centres)).run(rdd.rdd());
    double mllibCost = mllib.computeCost(rdd.rdd());
    assertThat(ours.path("cost").asDouble())
        .isCloseTo(mllibCost, org.assertj.core.data.Percentage.withPercentage(1e-7));
  }
}
