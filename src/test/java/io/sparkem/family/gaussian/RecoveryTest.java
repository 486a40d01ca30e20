package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data drawn from three well-separated 3-D components (3000 points): the fit recovers the truth up
 * to component order, within a few standard errors of the estimators.
 */
class RecoveryTest {

  private static final int N = 3000;
  private static final double[] WEIGHTS = {0.2, 0.3, 0.5};
  private static final double[][] MEANS = {{0, 0, 0}, {8, 0, 0}, {0, 8, -8}};
  /** Lower Cholesky factors L_j; Σ_j = L_j L_jᵀ. */
  private static final double[][] LOWERS = {
      {1, 0, 0, 0, 1, 0, 0, 0, 1},
      {1.2, 0, 0, 0.5, 0.8, 0, 0, 0, 0.6},
      {0.7, 0, 0, -0.4, 1.0, 0, 0.3, 0.2, 0.9}};

  private static double[] covariance(double[] l) {
    double[] s = new double[9];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        for (int t = 0; t < 3; t++) {
          s[a * 3 + b] += l[a * 3 + t] * l[b * 3 + t];
        }
      }
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 99})
  void recoversWeightsMeansAndCovariances(long seed) {
    double[][] rows = GaussianFixtures.draw(new SplittableRandom(seed), N, WEIGHTS, MEANS, LOWERS);
    LocalStatisticsSource data = GaussianFixtures.source(rows, 5);
    GaussianFamily family = GaussianFixtures.family(1e-6);
    GaussianMixture start =
        Initializer.starts(family, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, seed).get(0);
    FitResult<GaussianMixture> fit =
        EmLoop.run(family, start, data, new EmOptions(500, 1e-8), IterationListener.SILENT);
    assertThat(fit.converged()).isTrue();
    GaussianMixture m = fit.model();

    boolean[] used = new boolean[3];
    for (int t = 0; t < 3; t++) {
      int j = nearest(m, MEANS[t]);
      assertThat(used[j]).as("two true components matched fitted component %d", j).isFalse();
      used[j] = true;
      double[] sigma = covariance(LOWERS[t]);
      double nt = N * WEIGHTS[t];
      // Weight: binomial sd √(π(1−π)/N) ≤ 0.0092; allow 4 sd.
      assertThat(m.weights()[j]).isCloseTo(WEIGHTS[t], within(4 * Math.sqrt(WEIGHTS[t] * (1 - WEIGHTS[t]) / N)));
      for (int a = 0; a < 3; a++) {
        // Mean: sd √(Σ_aa / n_t); allow 5 sd.
        assertThat(m.means()[j][a]).as("mean %d[%d]", t, a)
            .isCloseTo(MEANS[t][a], within(5 * Math.sqrt(sigma[a * 3 + a] / nt)));
        for (int b = 0; b < 3; b++) {
          // Covariance entry: sd √((Σ_aa Σ_bb + Σ_ab²) / n_t) for Gaussian data; allow 5 sd.
          double sd = Math.sqrt((sigma[a * 3 + a] * sigma[b * 3 + b] + sigma[a * 3 + b] * sigma[a * 3 + b]) / nt);
          assertThat(m.fullCovariance(j)[a * 3 + b]).as("cov %d[%d,%d]", t, a, b)
              .isCloseTo(sigma[a * 3 + b], within(5 * sd));
        }
      }
    }
  }

  private static int nearest(GaussianMixture m, double[] mu) {
    int best = 0;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int j = 0; j < m.k(); j++) {
      double s = 0;
      for (int a = 0; a < mu.length; a++) {
        s += Math.pow(m.means()[j][a] - mu[a], 2);
      }
      if (s < bestDist) {
        bestDist = s;
        best = j;
      }
    }
    return best;
  }
}
