package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.Generative;
import io.sparkem.core.Sampling;
import io.sparkem.core.SufficientStats;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Records drawn from a known θ, generated on the executors. Record i depends only on (seed, i):
 * the same seed gives the same file whatever the partitioning.
 */
public final class SyntheticData {

  private SyntheticData() {}

  /** Rows per generated partition (and output file). */
  private static final long ROWS_PER_PARTITION = 500_000;

  /**
   * Writes {@code n} records into {@code out}'s temporary directory in {@code format}, and returns
   * the statistics of one E-step of {@code truthStep} over those records: their log-likelihood
   * under the true θ, and the cost for a hard-assignment family (k-means).
   */
  public static SufficientStats write(SparkSession spark, long n, Generative.Sampler sampler, double[] weights,
      List<String> columns, long seed, InputFormat format, OutputDirectory out, EStep truthStep) {
    int partitions = (int) Math.max(1, Math.min(1000, (n + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
    JavaRDD<double[]> rows = spark.range(0, n, 1, partitions).javaRDD()
        .mapPartitions((Iterator<Long> ids) -> {
          List<double[]> part = new ArrayList<>();
          while (ids.hasNext()) {
            part.add(draw(ids.next(), seed, sampler, weights));
          }
          return part.iterator();
        });
    StructType schema = new StructType();
    for (String c : columns) {
      schema = schema.add(c, DataTypes.DoubleType, false);
    }
    JavaRDD<Row> asRows = rows.map(r -> {
      Object[] v = new Object[r.length];
      for (int a = 0; a < r.length; a++) {
        v[a] = r[a];
      }
      return RowFactory.create(v);
    });
    Dataset<Row> frame = spark.createDataFrame(asRows, schema);
    frame.write().format(format.name().toLowerCase()).option("header", "true").save(out.temporaryUri());
    int width = sampler.width();
    return rows.mapPartitions((Iterator<double[]> it) -> {
      List<double[]> buf = new ArrayList<>();
      it.forEachRemaining(buf::add);
      double[] x = new double[buf.size() * width];
      double[] w = new double[buf.size()];
      for (int i = 0; i < buf.size(); i++) {
        System.arraycopy(buf.get(i), 0, x, i * width, width);
        w[i] = 1;
      }
      SufficientStats s = truthStep.zero();
      truthStep.accumulate(new Block(buf.size(), width, x, w), s);
      return List.of(s).iterator();
    }).reduce(SufficientStats::merge);
  }

  /** Record {@code i}: its component by the weights, then a draw from that component. */
  static double[] draw(long i, long seed, Generative.Sampler sampler, double[] weights) {
    SplittableRandom rng = new SplittableRandom(Double.doubleToLongBits(Sampling.uniform(seed, i)) ^ i);
    double u = rng.nextDouble();
    int j = 0;
    while (j < weights.length - 1 && (u -= weights[j]) >= 0) {
      j++;
    }
    double[] out = new double[sampler.width()];
    sampler.draw(j, rng, out);
    return out;
  }
}
