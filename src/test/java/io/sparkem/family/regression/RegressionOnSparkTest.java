package io.sparkem.family.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Partition invariance on Spark: the same weighted records cut into 1, 3 or 7 partitions (and the
 * in-memory source) give the same fit after 8 iterations, to rounding.
 */
class RegressionOnSparkTest {

  private static List<Block> blocks() {
    double[][] rows = RegressionFamilyTest.twoRegimes(new SplittableRandom(8), 700);
    SplittableRandom rng = new SplittableRandom(9);
    List<Block> out = new ArrayList<>();
    for (int start = 0; start < rows.length; start += 50) {
      int n = Math.min(50, rows.length - start);
      double[] x = new double[n * 3];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(rows[start + i], 0, x, i * 3, 3);
        w[i] = 0.5 + rng.nextInt(3);
      }
      out.add(new Block(n, 3, x, w));
    }
    return out;
  }

  @Test
  void oneThreeAndSevenPartitionsGiveTheLocalFit() {
    RegressionFamily family = new RegressionFamily(true, 1e-6, false);
    List<Block> blocks = blocks();
    LocalStatisticsSource local = new LocalStatisticsSource(blocks);
    RegressionMixture start = Initializer.starts(family, local, 2, InitMethod.KMEANS_PLUS_PLUS, 1, 5).get(0);
    EmOptions options = new EmOptions(8, 0); // before the log-likelihood stalls in double precision
    FitResult<RegressionMixture> expected = EmLoop.run(family, start, local, options, IterationListener.SILENT);
    for (int p : new int[] {1, 3, 7}) {
      FitResult<RegressionMixture> fit = EmLoop.run(family, start, SparkTest.source(blocks, p, List.of("x1", "x2", "y")), options,
          IterationListener.SILENT);
      assertThat(fit.iterations()).isEqualTo(expected.iterations());
      assertThat(fit.logLikelihood()).isCloseTo(expected.logLikelihood(), within(1e-10 * Math.abs(expected.logLikelihood())));
      double[] a = RegressionFamilyTest.flat(new double[][] {fit.model().weights(),
          RegressionFamilyTest.flat(fit.model().coefficients()), fit.model().variances()});
      double[] e = RegressionFamilyTest.flat(new double[][] {expected.model().weights(),
          RegressionFamilyTest.flat(expected.model().coefficients()), expected.model().variances()});
      for (int i = 0; i < e.length; i++) {
        assertThat(a[i]).as("%d partitions, entry %d", p, i).isCloseTo(e[i], within(1e-10 * Math.max(1, Math.abs(e[i]))));
      }
    }
  }
}
