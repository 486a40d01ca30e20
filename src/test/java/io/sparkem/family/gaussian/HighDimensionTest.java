package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * d = 1,000 with diag and spherical covariances: initialisation, statistics and E-step are linear
 * in d (a d × d matrix per record and component would take minutes here, and 8 MB per matrix).
 */
class HighDimensionTest {

  private static final int D = 1000;

  @ParameterizedTest
  @EnumSource(value = CovarianceType.class, names = {"DIAG", "SPHERICAL"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aThousandFeatures(CovarianceType type) {
    SplittableRandom rng = new SplittableRandom(41);
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      double[][] rows = new double[500][D];
      for (double[] r : rows) {
        int c = rng.nextInt(3);
        for (int a = 0; a < D; a++) {
          r[a] = (a % 3 == c ? 3 : 0) + (1 + c * 0.5) * rng.nextGaussian();
        }
      }
      blocks.add(Block.unweighted(D, rows));
    }
    LocalStatisticsSource data = new LocalStatisticsSource(blocks);
    GaussianFamily family = GaussianFamily.of(type, FamilyOptions.defaults());
    GaussianMixture start = Initializer.starts(family, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 5L).get(0);
    FitResult<GaussianMixture> fit = EmLoop.run(family, start, data, new EmOptions(5, 0), (f, e, d) -> {});

    int width = type == CovarianceType.DIAG ? D : 1;
    for (double[] c : fit.model().covariances()) {
      assertThat(c).hasSize(width);
    }
    assertThat(type.shape().momentWidth(D)).isEqualTo(width);
    assertThat(fit.logLikelihood()).isFinite();
    for (double w : fit.model().weights()) {
      assertThat(w).isBetween(0.25, 0.42);
    }
    // The clusters' standard deviations are 1, 1.5 and 2: mean variances 1, 2.25 and 4.
    double[] meanVariance = new double[3];
    for (int j = 0; j < 3; j++) {
      meanVariance[j] = java.util.Arrays.stream(fit.model().covariances()[j]).average().orElseThrow();
    }
    java.util.Arrays.sort(meanVariance);
    double[] expected = {1, 2.25, 4};
    for (int j = 0; j < 3; j++) {
      assertThat(meanVariance[j]).isCloseTo(expected[j], org.assertj.core.data.Percentage.withPercentage(5));
    }
  }
}
