package io.sparkem.family.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.Generative;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The default start ({@code --init kmeans++}: the k-means partition of (x, y) and random partitions,
 * the best of short EM runs) leads EM to the best known optimum on data where either kind of
 * candidate alone fails: crossing lines (where k-means partitions mislead) and a three-regime
 * generated mixture (where random partitions merged two regimes in every seed tried), and to
 * mixtools' published solution on its tone perception data. Five seeds each.
 */
class RegressionStartTest {

  private static final RegressionFamily FAMILY = new RegressionFamily(true, 1e-6, false);
  private static final int SEEDS = 5;

  private static FitResult<RegressionMixture> fit(RegressionFamily family, LocalStatisticsSource data, int k,
      long seed) {
    RegressionMixture start = Initializer.starts(family, data, k, InitMethod.KMEANS_PLUS_PLUS, 1, seed).get(0);
    return EmLoop.run(family, start, data, new EmOptions(3000, 1e-12), IterationListener.SILENT);
  }

  /**
   * mixtools' {@code tonedata} (Cohen 1980: perceived tone ratio against stretch ratio, 150 trials),
   * fitted by mixtools 2.0.0 to an {@code epsilon} of 1e-12:
   * <pre>
   * library(mixtools); data(tonedata); set.seed(1)
   * r &lt;- regmixEM(tonedata$tuned, tonedata$stretchratio, k = 2, epsilon = 1e-12)
   * sprintf("%.17g", c(r$lambda, r$beta, r$sigma^2, r$loglik))
   * # 0.69772028885381621 0.30227971114618374 1.9163801339353701 0.042548515013111313
   * # -0.019274738037068126 0.99229550255870214 0.0021337072400199504 0.017644890971287942
   * # 141.1984022996842
   * </pre>
   * Both fits stop on a change of the log-likelihood, not at the exact optimum, so the parameters
   * are compared to 1e-3 relative and the log-likelihood to 1e-9 (reg 0 here, as in mixtools).
   */
  @Test
  void theStartLeadsToMixtoolsSolutionOnToneData() {
    RegressionFamily family = new RegressionFamily(true, 0, false);
    LocalStatisticsSource data = LocalStatisticsSource.of(Block.unweighted(2, ToneData.ROWS));
    for (long seed = 0; seed < SEEDS; seed++) {
      FitResult<RegressionMixture> fit = fit(family, data, 2, seed);
      RegressionMixture t = fit.model();
      int big = t.weights()[0] > t.weights()[1] ? 0 : 1;
      int small = 1 - big;
      double[] actual = {t.weights()[big], t.weights()[small], t.coefficients()[big][0], t.coefficients()[big][1],
          t.coefficients()[small][0], t.coefficients()[small][1], t.variances()[big], t.variances()[small]};
      double[] expected = {0.69772028885381621, 0.30227971114618374, 1.9163801339353701, 0.042548515013111313,
          -0.019274738037068126, 0.99229550255870214, 0.0021337072400199504, 0.017644890971287942};
      for (int i = 0; i < actual.length; i++) {
        assertThat(actual[i]).as("seed %d entry %d", seed, i)
            .isCloseTo(expected[i], within(1e-3 * Math.max(0.02, Math.abs(expected[i]))));
      }
      assertThat(fit.logLikelihood()).isCloseTo(141.1984022996842, within(1e-9 * 141.2));
    }
  }

  /** y = x or y = −x with equal odds, x ~ U(−1, 1), σ = 0.1: the slopes ±1 are found, intercepts 0. */
  @Test
  void crossingLinesAreSeparated() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] rows = new double[1000][];
    for (int i = 0; i < rows.length; i++) {
      double x = 2 * rng.nextDouble() - 1;
      rows[i] = new double[] {x, (rng.nextBoolean() ? x : -x) + 0.1 * rng.nextGaussian()};
    }
    LocalStatisticsSource data = LocalStatisticsSource.of(Block.unweighted(2, rows));
    for (long seed = 0; seed < SEEDS; seed++) {
      RegressionMixture t = fit(FAMILY, data, 2, seed).model();
      double[] slopes = {t.coefficients()[0][1], t.coefficients()[1][1]};
      java.util.Arrays.sort(slopes);
      assertThat(slopes[0]).as("seed %d", seed).isCloseTo(-1, within(0.05));
      assertThat(slopes[1]).as("seed %d", seed).isCloseTo(1, within(0.05));
      assertThat(t.coefficients()[0][0]).isCloseTo(0, within(0.05));
      assertThat(t.coefficients()[1][0]).isCloseTo(0, within(0.05));
    }
  }

  /**
   * Three regimes drawn by the generator (truth seed 101, d = 1): the fit from the default start is
   * as good as EM started at the truth, and each true line has a fitted one within 0.1.
   */
  @Test
  void threeGeneratedRegimesAreRecovered() {
    RegressionGenerator gen = new RegressionGenerator(true);
    SplittableRandom rng = new SplittableRandom(101);
    RegressionMixture truth = gen.randomTruth(3, 1, rng);
    LocalStatisticsSource data = draw(gen, truth, 2000, rng);
    double atTruth = EmLoop.run(FAMILY, truth, data, new EmOptions(3000, 1e-12), IterationListener.SILENT)
        .logLikelihood();
    for (long seed = 0; seed < SEEDS; seed++) {
      FitResult<RegressionMixture> fit = fit(FAMILY, data, 3, seed);
      assertThat(fit.logLikelihood()).as("seed %d", seed).isGreaterThanOrEqualTo(atTruth - 1e-6 * 2000);
      for (double[] line : truth.coefficients()) {
        double nearest = Double.POSITIVE_INFINITY;
        for (double[] fitted : fit.model().coefficients()) {
          nearest = Math.min(nearest, Math.max(Math.abs(fitted[0] - line[0]), Math.abs(fitted[1] - line[1])));
        }
        assertThat(nearest).as("seed %d, line %s", seed, java.util.Arrays.toString(line)).isLessThan(0.1);
      }
    }
  }

  /** n records of θ, in four blocks. */
  static LocalStatisticsSource draw(Generative<RegressionMixture> gen, RegressionMixture theta, int n,
      SplittableRandom rng) {
    Generative.Sampler sampler = gen.sampler(theta);
    double[][] rows = new double[n][sampler.width()];
    double[] w = gen.weights(theta);
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      int j = 0;
      while (j < w.length - 1 && u > w[j]) {
        u -= w[j];
        j++;
      }
      sampler.draw(j, rng, rows[i]);
    }
    java.util.List<Block> blocks = new java.util.ArrayList<>();
    for (int b = 0; b < 4; b++) {
      blocks.add(Block.unweighted(sampler.width(), java.util.Arrays.copyOfRange(rows, b * n / 4, (b + 1) * n / 4)));
    }
    return new LocalStatisticsSource(blocks);
  }
}
