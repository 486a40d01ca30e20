package io.sparkem.family.gaussian;

import static io.sparkem.family.gaussian.GaussianFixtures.family;
import static io.sparkem.family.gaussian.GaussianFixtures.theta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.SufficientStats;
import org.junit.jupiter.api.Test;

/**
 * The E-step's log-densities, log-likelihood and posteriors against closed forms:
 * log N(x; μ, Σ) = −½ (d ln 2π + ln det Σ + (x−μ)ᵀ Σ⁻¹ (x−μ)).
 */
class GaussianLogDensityTest {

  private static final double LN_2PI = Math.log(2 * Math.PI);

  /** Σ log p(x_i) of a one-block data set under θ, through the public posteriors method. */
  private static double logLikelihood(GaussianMixture theta, Block block, double[] resp) {
    MixtureEStep step = (MixtureEStep) family(0).eStep(theta);
    return step.posteriors(block, resp, false);
  }

  /** Σ w_i log p(x_i) as the E-step folds it into statistics (the path every fit takes). */
  private static double accumulated(GaussianMixture theta, Block block) {
    EStep step = family(0).eStep(theta);
    SufficientStats stats = step.zero();
    step.accumulate(block, stats);
    return stats.logLikelihood();
  }

  @Test
  void twoDimensionalDensityMatchesTheInverseFormula() {
    // Σ = [[2, 0.6], [0.6, 1]]: det = 2·1 − 0.6² = 1.64, Σ⁻¹ = (1/1.64)·[[1, −0.6], [−0.6, 2]].
    // x − μ = (2, 1) − (1, 2) = (1, −1): quadratic form = (1·1 − 2·0.6·1·(−1) + 2·1) / 1.64
    // = 4.2 / 1.64. So log p = −½ (2 ln 2π + ln 1.64 + 4.2/1.64) = −3.365712992205448.
    double det = 2 * 1 - 0.6 * 0.6;
    double y0 = 1;
    double y1 = -1;
    double quad = (1 * y0 * y0 - 2 * 0.6 * y0 * y1 + 2 * y1 * y1) / det;
    double expected = -0.5 * (2 * LN_2PI + Math.log(det) + quad);
    assertThat(expected).isCloseTo(-3.365712992205448, within(1e-14));

    GaussianMixture one = theta(new double[] {1}, new double[][] {{1, 2}},
        new double[][] {{2, 0.6, 0.6, 1}});
    double[] resp = new double[1];
    double ll = logLikelihood(one, Block.unweighted(2, new double[][] {{2, 1}}), resp);
    assertThat(ll).isCloseTo(expected, within(1e-12));
    assertThat(resp[0]).isEqualTo(1.0);
  }

  @Test
  void accumulatedLogLikelihoodIsWeighted() {
    // The same record with weight 2.5 contributes 2.5 · log p to the statistics' log-likelihood.
    GaussianMixture one = theta(new double[] {1}, new double[][] {{1, 2}},
        new double[][] {{2, 0.6, 0.6, 1}});
    Block b = new Block(1, 2, new double[] {2, 1}, new double[] {2.5});
    var step = family(0).eStep(one);
    SufficientStats stats = step.zero();
    step.accumulate(b, stats);
    assertThat(stats.logLikelihood()).isCloseTo(2.5 * -3.365712992205448, within(1e-12));
    assertThat(stats.totalWeight()).isEqualTo(2.5);
    assertThat(stats.records()).isEqualTo(1);
  }

  @Test
  void threeDimensionalDensityWithKnownFactor() {
    // Σ = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]]
    // (see CholeskyTest): det Σ = 36. For x − μ = L·(1,1,1) = (2, 7, 0) the quadratic form is
    // ‖(1,1,1)‖² = 3, so log p = −½ (3 ln 2π + ln 36 + 3).
    double[] mu = {-1, 0.5, 10};
    double[] x = {mu[0] + 2, mu[1] + 7, mu[2]};
    GaussianMixture one = theta(new double[] {1}, new double[][] {mu},
        new double[][] {{4, 12, -16, 12, 37, -43, -16, -43, 98}});
    Block b = Block.unweighted(3, new double[][] {x});
    double expected = -0.5 * (3 * LN_2PI + Math.log(36) + 3);
    assertThat(logLikelihood(one, b, new double[1])).isCloseTo(expected, within(1e-12));
    assertThat(accumulated(one, b)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void posteriorsOfTwoComponentsByBayesRule() {
    // 1-D: π = (0.3, 0.7), μ = (0, 2), σ² = (1, 4), x = 1.
    // f1 = exp(−½(ln 2π + 0 + 1)), f2 = exp(−½(ln 2π + ln 4 + 1/4)); r1 = 0.3 f1 / (0.3 f1 + 0.7 f2).
    double f1 = Math.exp(-0.5 * (LN_2PI + 1));
    double f2 = Math.exp(-0.5 * (LN_2PI + Math.log(4) + 0.25));
    double p = 0.3 * f1 + 0.7 * f2;
    GaussianMixture two = theta(new double[] {0.3, 0.7}, new double[][] {{0}, {2}},
        new double[][] {{1}, {4}});
    double[] resp = new double[2];
    double ll = logLikelihood(two, Block.unweighted(1, new double[][] {{1}}), resp);
    assertThat(ll).isCloseTo(Math.log(p), within(1e-13));
    assertThat(accumulated(two, Block.unweighted(1, new double[][] {{1}})))
        .isCloseTo(Math.log(p), within(1e-13));
    assertThat(resp).containsExactly(new double[] {0.3 * f1 / p, 0.7 * f2 / p}, within(1e-13));
  }

  @Test
  void farAwayRecordStaysFiniteInLogSpace() {
    // x = 1000 with μ = (0, 100), σ² = 1, π = ½ each: both densities underflow to 0 in linear
    // space (e^−500000 and e^−405000). In log space
    // log p = ln ½ + log f2 + ln(1 + e^(log f1 − log f2)) = ln ½ − ½ (ln 2π + 900²) exactly,
    // since log f1 − log f2 = −95000; and r = (0, 1).
    GaussianMixture two = theta(new double[] {0.5, 0.5}, new double[][] {{0}, {100}},
        new double[][] {{1}, {1}});
    double[] resp = new double[2];
    double ll = logLikelihood(two, Block.unweighted(1, new double[][] {{1000}}), resp);
    double expected = Math.log(0.5) - 0.5 * (LN_2PI + 900.0 * 900.0);
    assertThat(ll).isCloseTo(expected, within(1e-9));
    assertThat(accumulated(two, Block.unweighted(1, new double[][] {{1000}})))
        .isCloseTo(expected, within(1e-9));
    assertThat(resp).containsExactly(0.0, 1.0);
  }

  @Test
  void zeroWeightComponentGetsNoResponsibility() {
    GaussianMixture two = theta(new double[] {0, 1}, new double[][] {{0}, {5}},
        new double[][] {{1}, {1}});
    double[] resp = new double[2];
    double ll = logLikelihood(two, Block.unweighted(1, new double[][] {{0}}), resp);
    assertThat(resp).containsExactly(0.0, 1.0);
    assertThat(ll).isCloseTo(-0.5 * (LN_2PI + 25), within(1e-12));
  }

  @Test
  void manyWeightedRowsSumTheirClosedFormDensities() {
    // 203 rows (several kernel tiles plus a ragged end) under N(μ, diag(4, 0.25)):
    // log p(x) = −½ (2 ln 2π + ln 1 + (x₀−μ₀)²/4 + 4 (x₁−μ₁)²), since det = 4 · 0.25 = 1.
    int n = 203;
    double[] mu = {3, -1};
    double[] x = new double[2 * n];
    double[] w = new double[n];
    double expected = 0;
    for (int i = 0; i < n; i++) {
      x[2 * i] = 3 + 0.05 * (i - 100);
      x[2 * i + 1] = -1 + Math.sin(i);
      w[i] = i % 5 == 0 ? 0 : 0.5 + (i % 3);
      double q = Math.pow(x[2 * i] - mu[0], 2) / 4 + 4 * Math.pow(x[2 * i + 1] - mu[1], 2);
      expected += w[i] * -0.5 * (2 * LN_2PI + q);
    }
    GaussianMixture one = theta(new double[] {1}, new double[][] {mu},
        new double[][] {{4, 0, 0, 0.25}});
    assertThat(accumulated(one, new Block(n, 2, x, w))).isCloseTo(expected, within(1e-9));
  }
}
