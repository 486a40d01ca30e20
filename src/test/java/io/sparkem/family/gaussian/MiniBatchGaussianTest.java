package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.SufficientStats;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Stepwise (mini-batch) EM on Gaussian mixtures, against full-batch EM on the same data. */
class MiniBatchGaussianTest {

  /**
   * Three components in 2-D, means {@code gap} apart (the widest spread is σ = 2 along x), weights
   * 0.5 / 0.3 / 0.2, correlated covariances; n rows.
   */
  static double[][] separated(int n, long seed, double gap) {
    double[][] means = {{0, 0}, {gap, 0}, {0, gap}};
    double[] l1 = {1, 0, 0.5, 1};
    double[] l2 = {2, 0, 0, 0.7};
    double[] l3 = {1.2, 0, -0.6, 0.9};
    return GaussianFixtures.draw(new SplittableRandom(seed), n, new double[] {0.5, 0.3, 0.2}, means,
        new double[][] {l1, l2, l3});
  }

  /**
   * n = 2e5 in 200 blocks, components 3σ apart, the same k-means++ start. Measured when written:
   * full batch 11 passes (2.2e6 records), mean LL −3.946388; F = 0.1 settles after 20 steps and
   * reads 5.8e5 records (final full pass included), mean LL −3.946465 (2e-5 relative).
   */
  @Test
  void aTenthOfTheBlocksPerStepEndsWithinAThousandthOfTheFullBatchLogLikelihood() {
    int n = 200_000;
    LocalStatisticsSource data = GaussianFixtures.source(separated(n, 1, 6), 200);
    GaussianFamily family = GaussianFixtures.family(1e-6);
    GaussianMixture start = Initializer.starts(family, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 3).get(0);
    FitResult<GaussianMixture> full = EmLoop.run(family, start, data, new EmOptions(200, 1e-6),
        IterationListener.SILENT);
    FitResult<GaussianMixture> mini = EmLoop.run(family, start, data,
        new EmOptions(200, 1e-3, null, new MiniBatch(0.1, 42)), IterationListener.SILENT);
    assertThat(full.converged()).isTrue();
    assertThat(mini.converged()).isTrue();
    assertThat(mini.logLikelihood() / n).isCloseTo(full.logLikelihood() / n,
        within(1e-3 * Math.abs(full.logLikelihood() / n)));
    assertThat(mini.recordsRead()).isLessThan(full.recordsRead() / 2);
    // The final log-likelihood is an exact full pass of the final θ, not the running estimate.
    SufficientStats exact = data.pass(List.of(family.eStep(mini.model()))).get(0);
    assertThat(mini.logLikelihood()).isEqualTo(exact.logLikelihood());
  }

  /**
   * Blending merges statistics centred on different means: moved to common centres they must give
   * the pooled mean and covariance of the two blocks, computed here directly (k = 1, so every
   * responsibility is 1 whatever θ).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"full", "diag", "tied", "spherical"})
  void statisticsAroundDifferentCentresMergeExactly(String type) {
    CovarianceShape shape = CovarianceType.parse(type).shape();
    GaussianFamily family = new GaussianFamily(shape, 0, false);
    double[][] rows = separated(300, 4, 6);
    Block a = GaussianFixtures.split(java.util.Arrays.copyOfRange(rows, 0, 120), null, 1).get(0);
    Block b = GaussianFixtures.split(java.util.Arrays.copyOfRange(rows, 120, 300), null, 1).get(0);
    GaussianMixture thetaA = oneComponent(shape, new double[] {100, -50});
    GaussianMixture thetaB = oneComponent(shape, new double[] {-3, 7});
    SufficientStats sa = family.eStep(thetaA).zero();
    family.eStep(thetaA).accumulate(a, sa);
    SufficientStats sb = family.eStep(thetaB).zero();
    family.eStep(thetaB).accumulate(b, sb);
    GaussianMixture pooled = family.mStep(sb.merge(sa), thetaB).model();

    double[] mean = new double[2];
    for (double[] r : rows) {
      mean[0] += r[0] / rows.length;
      mean[1] += r[1] / rows.length;
    }
    double[] cov = new double[4];
    for (double[] r : rows) {
      for (int p = 0; p < 2; p++) {
        for (int q = 0; q < 2; q++) {
          cov[p * 2 + q] += (r[p] - mean[p]) * (r[q] - mean[q]) / rows.length;
        }
      }
    }
    double[] expected = switch (type) {
      case "diag" -> new double[] {cov[0], 0, 0, cov[3]};
      case "spherical" -> new double[] {(cov[0] + cov[3]) / 2, 0, 0, (cov[0] + cov[3]) / 2};
      default -> cov;
    };
    assertThat(pooled.means()[0]).containsExactly(mean, within(1e-10));
    assertThat(pooled.fullCovariance(0)).containsExactly(expected, within(1e-9));
  }

  private static GaussianMixture oneComponent(CovarianceShape shape, double[] mean) {
    double[][] cov = shape.componentsFromFull(new double[][] {GaussianFixtures.identity(2)}, 2);
    return new GaussianMixture(shape, new double[] {1}, new double[][] {mean}, cov);
  }

  /**
   * With 3 blocks and F = 0.01 most steps draw no block: they move nothing, and those before the
   * first drawn block leave no trace entry (nothing to estimate yet), but every step counts towards
   * maxIter, and the result is still scored by an exact full pass.
   */
  @Test
  void stepsThatDrawNoBlockMoveNothingAndStillCount() {
    double[][] rows = separated(600, 5, 6);
    LocalStatisticsSource data = GaussianFixtures.source(rows, 3);
    GaussianFamily family = GaussianFixtures.family(1e-6);
    GaussianMixture start = Initializer.starts(family, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 3).get(0);
    // The first seed whose first six steps draw no block (each does so with probability 0.99¹⁸).
    MiniBatch tiny = null;
    for (long seed = 1; tiny == null; seed++) {
      MiniBatch m = new MiniBatch(0.01, seed);
      int drawn = 0;
      for (int t = 0; t < 6; t++) {
        for (int p = 0; p < 3; p++) {
          drawn += m.subset(t).keeps(p, 0) ? 1 : 0;
        }
      }
      tiny = drawn == 0 ? m : null;
    }
    FitResult<GaussianMixture> fit = EmLoop.run(family, start, data, new EmOptions(6, 1e-3, null, tiny),
        IterationListener.SILENT);
    GaussianFixtures.assertSameTheta(fit.model(), start, 0.0);
    assertThat(fit.iterations()).isZero();
    assertThat(fit.recordsRead()).isEqualTo(600);
    assertThat(fit.logLikelihood()).isEqualTo(data.pass(List.of(family.eStep(start))).get(0).logLikelihood());
  }

  /** Each block is in a step's subset with probability F, independently of the step before. */
  @Test
  void blockSubsetsHoldTheFractionAndChangeWithStepAndSeed() {
    MiniBatch m = new MiniBatch(0.1, 7);
    int kept = 0;
    int both = 0;
    for (int p = 0; p < 100; p++) {
      for (int i = 0; i < 400; i++) {
        boolean k0 = m.subset(0).keeps(p, i);
        kept += k0 ? 1 : 0;
        both += k0 && m.subset(1).keeps(p, i) ? 1 : 0;
        assertThat(new MiniBatch(0.1, 7).subset(0).keeps(p, i)).isEqualTo(k0);
      }
    }
    // Binomial(40000, 0.1): mean 4000, sd 60; the overlap of two steps Binomial(40000, 0.01): 400 ± 20.
    assertThat(kept).isBetween(3760, 4240);
    assertThat(both).isBetween(320, 480);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
      differ += m.subset(3).keeps(0, i) != new MiniBatch(0.1, 8).subset(3).keeps(0, i) ? 1 : 0;
    }
    assertThat(differ).isBetween(120, 240); // 2·0.1·0.9 = 18% of 1000
    assertThat(new MiniBatch(1.0, 7).subset(5).keeps(3, 3)).isTrue();
  }
}
