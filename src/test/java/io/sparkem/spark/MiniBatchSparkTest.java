package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/** The distributed mini-batch pass reads the blocks the subset names, as the in-memory one does. */
class MiniBatchSparkTest {

  private static final GaussianFamily FAMILY = GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults());

  /** Two clusters in 2-D, blocks of 40 rows. */
  private static List<Block> blocks(int n) {
    SplittableRandom rng = new SplittableRandom(3);
    List<Block> out = new ArrayList<>();
    for (int start = 0; start < n; start += 40) {
      int rows = Math.min(40, n - start);
      double[] x = new double[rows * 2];
      double[] w = new double[rows];
      for (int i = 0; i < rows; i++) {
        double c = rng.nextInt(2) * 6.0;
        x[i * 2] = c + rng.nextGaussian();
        x[i * 2 + 1] = c + rng.nextGaussian();
        w[i] = 1;
      }
      out.add(new Block(rows, 2, x, w));
    }
    return out;
  }

  private static SparkStatisticsSource onSpark(List<Block> blocks, int partitions) {
    JavaRDD<Block> rdd = SparkTest.jsc().parallelize(blocks, partitions).cache();
    long[] first = new long[partitions];
    long records = blocks.stream().mapToLong(Block::rows).sum();
    double weight = blocks.stream().mapToDouble(Block::totalWeight).sum();
    return new SparkStatisticsSource(SparkTest.jsc(), new SparkData(rdd, first, records, weight, 0,
        List.of("x", "y"), 2));
  }

  /**
   * With one block per partition, block p of the local source and partition p of Spark are the
   * same (p, 0) to the subset: the statistics agree, and so do their record counts.
   */
  @Test
  void aSubsetPassOnSparkEqualsTheLocalOne() {
    List<Block> blocks = blocks(2000); // 50 blocks
    LocalStatisticsSource local = new LocalStatisticsSource(blocks);
    SparkStatisticsSource spark = onSpark(blocks, blocks.size());
    GaussianMixture theta = Initializer.starts(FAMILY, local, 2, InitMethod.KMEANS_PLUS_PLUS, 1, 1).get(0);
    MiniBatch.BlockSubset subset = new MiniBatch(0.3, 9).subset(4);
    SufficientStats expected = local.pass(List.of(FAMILY.eStep(theta)), subset).get(0);
    SufficientStats actual = spark.pass(List.of(FAMILY.eStep(theta)), subset).get(0);
    long kept = 0;
    for (int p = 0; p < blocks.size(); p++) {
      kept += subset.keeps(p, 0) ? blocks.get(p).rows() : 0;
    }
    assertThat(actual.records()).isEqualTo(expected.records()).isEqualTo(kept).isBetween(200L, 1000L);
    assertThat(actual.logLikelihood()).isCloseTo(expected.logLikelihood(), within(1e-9 * Math.abs(kept)));
    assertThat(actual.totalWeight()).isEqualTo(expected.totalWeight());
  }

  /** A mini-batch fit on Spark is reproducible: the same seed and partitioning, the same θ. */
  @Test
  void aMiniBatchFitOnSparkIsReproducible() {
    List<Block> blocks = blocks(4000);
    SparkStatisticsSource spark = onSpark(blocks, 4);
    GaussianMixture start = Initializer.starts(FAMILY, spark, 2, InitMethod.KMEANS_PLUS_PLUS, 1, 1).get(0);
    EmOptions options = new EmOptions(15, 0, null, new MiniBatch(0.2, 5));
    FitResult<GaussianMixture> a = EmLoop.run(FAMILY, start, spark, options, IterationListener.SILENT);
    FitResult<GaussianMixture> b = EmLoop.run(FAMILY, start, spark, options, IterationListener.SILENT);
    FitResult<GaussianMixture> local = EmLoop.run(FAMILY, start, new LocalStatisticsSource(blocks),
        new EmOptions(100, 1e-9), IterationListener.SILENT);
    assertThat(a.model().means()).isDeepEqualTo(b.model().means());
    assertThat(a.logLikelihood()).isEqualTo(b.logLikelihood());
    assertThat(a.iterations()).isEqualTo(15);
    assertThat(a.recordsRead()).isLessThan(4000L * 6).isGreaterThan(4000L);
    assertThat(a.logLikelihood()).isCloseTo(local.logLikelihood(), within(2e-3 * Math.abs(local.logLikelihood())));
  }
}
