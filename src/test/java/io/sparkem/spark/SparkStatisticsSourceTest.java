package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.Sampling;
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

/**
 * The distributed pass computes what the in-memory one does, and the fit does not depend on how
 * the records are partitioned.
 */
class SparkStatisticsSourceTest {

  private static final GaussianFamily FAMILY = GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults());

  /** 3 overlapping clusters in 3-D, cut into blocks of 50 rows. */
  private static List<Block> blocks(int n) {
    SplittableRandom rng = new SplittableRandom(17);
    List<Block> out = new ArrayList<>();
    for (int start = 0; start < n; start += 50) {
      int rows = Math.min(50, n - start);
      double[] x = new double[rows * 3];
      double[] w = new double[rows];
      for (int i = 0; i < rows; i++) {
        int c = rng.nextInt(3);
        for (int a = 0; a < 3; a++) {
          x[i * 3 + a] = 2.0 * c + (a == c ? 1.5 : 0) + rng.nextGaussian();
        }
        w[i] = 0.5 + rng.nextInt(3);
      }
      out.add(new Block(rows, 3, x, w));
    }
    return out;
  }

  private static SparkStatisticsSource onSpark(List<Block> blocks, int partitions) {
    JavaRDD<Block> rdd = SparkTest.jsc().parallelize(blocks, partitions).cache();
    List<Integer> counts = rdd.mapPartitions(it -> {
      int n = 0;
      while (it.hasNext()) {
        n += it.next().rows();
      }
      return List.of(n).iterator();
    }).collect();
    long[] first = new long[counts.size()];
    long records = 0;
    for (int p = 0; p < counts.size(); p++) {
      first[p] = records;
      records += counts.get(p);
    }
    double weight = blocks.stream().mapToDouble(Block::totalWeight).sum();
    return new SparkStatisticsSource(SparkTest.jsc(),
        new SparkData(rdd, first, records, weight, 0, List.of("a", "b", "c"), 3));
  }

  @Test
  void sparkPassEqualsTheLocalPass() {
    List<Block> blocks = blocks(1000);
    LocalStatisticsSource local = new LocalStatisticsSource(blocks);
    GaussianMixture theta = Initializer.starts(FAMILY, local, 3, InitMethod.KMEANS_PLUS_PLUS, 2, 1).get(0);
    GaussianMixture other = Initializer.starts(FAMILY, local, 3, InitMethod.KMEANS_PLUS_PLUS, 2, 1).get(1);
    List<SufficientStats> expected = local.pass(List.of(FAMILY.eStep(theta), FAMILY.eStep(other)));
    List<SufficientStats> actual = onSpark(blocks, 4).pass(List.of(FAMILY.eStep(theta), FAMILY.eStep(other)));
    for (int i = 0; i < 2; i++) {
      assertThat(actual.get(i).records()).isEqualTo(1000);
      assertThat(actual.get(i).totalWeight()).isEqualTo(expected.get(i).totalWeight());
      assertThat(actual.get(i).logLikelihood()).isCloseTo(expected.get(i).logLikelihood(),
          org.assertj.core.data.Percentage.withPercentage(1e-10));
      GaussianMixture a = FAMILY.mStep(actual.get(i), i == 0 ? theta : other).model();
      GaussianMixture e = FAMILY.mStep(expected.get(i), i == 0 ? theta : other).model();
      for (int j = 0; j < 3; j++) {
        assertThat(a.weights()[j]).isCloseTo(e.weights()[j], org.assertj.core.data.Offset.offset(1e-12));
        for (int d = 0; d < 3; d++) {
          assertThat(a.means()[j][d]).isCloseTo(e.means()[j][d], org.assertj.core.data.Offset.offset(1e-10));
        }
      }
    }
  }

  @Test
  void oneThreeAndSevenPartitionsGiveTheSameFit() {
    List<Block> blocks = blocks(700);
    LocalStatisticsSource local = new LocalStatisticsSource(blocks);
    GaussianMixture start = Initializer.starts(FAMILY, local, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 5).get(0);
    EmOptions options = new EmOptions(30, 0);
    List<FitResult<GaussianMixture>> fits = new ArrayList<>();
    for (int p : new int[] {1, 3, 7}) {
      fits.add(EmLoop.run(FAMILY, start, onSpark(blocks, p), options, IterationListener.SILENT));
    }
    for (FitResult<GaussianMixture> f : fits.subList(1, 3)) {
      assertThat(f.logLikelihood()).isCloseTo(fits.get(0).logLikelihood(),
          org.assertj.core.data.Percentage.withPercentage(1e-7));
      for (int j = 0; j < 3; j++) {
        for (int a = 0; a < 3; a++) {
          assertThat(f.model().means()[j][a]).isCloseTo(fits.get(0).model().means()[j][a],
              org.assertj.core.data.Offset.offset(1e-9));
          for (int b = 0; b < 3; b++) {
            assertThat(f.model().fullCovariance(j)[a * 3 + b]).isCloseTo(
                fits.get(0).model().fullCovariance(j)[a * 3 + b], org.assertj.core.data.Offset.offset(1e-9));
          }
        }
      }
    }
  }

  @Test
  void sampleAndDistinctCountDoNotDependOnPartitioning() {
    List<Block> blocks = blocks(600);
    Block one = onSpark(blocks, 1).sample(100, 3);
    Block five = onSpark(blocks, 5).sample(100, 3);
    Block local = Sampling.sample(blocks, 600, 100, 3);
    assertThat(five.x()).containsExactly(one.x());
    assertThat(local.x()).containsExactly(one.x());
    assertThat(one.rows()).isBetween(60, 140);
    assertThat(onSpark(blocks, 3).distinctRecords(10_000)).isEqualTo(600);
    assertThat(onSpark(blocks, 3).distinctRecords(5)).isEqualTo(5);
  }
}
