package io.sparkem.family.gaussian;

import io.sparkem.testing.Data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.CompleteRowsSample;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.TraceEntry;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --missing marginalize} (Ghahramani &amp; Jordan 1994): NaN cells are integrated out.
 * Checked against closed forms (Little &amp; Rubin's bivariate normal with one variable partly
 * missing), a hand-computed marginal density, the plain fit on complete data, the truth of a
 * well-separated mixture, and EM's monotone likelihood.
 */
class MissingValuesTest {

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private static GaussianFamily family(CovarianceShape shape, double reg, boolean marginalize) {
    return new GaussianFamily(shape, reg, false, marginalize);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"full", "diag", "tied", "spherical"})
  void withoutNaNTheFitIsBitForBitThePlainOne(String type) {
    CovarianceShape shape = CovarianceType.parse(type).shape();
    double[][] rows = GaussianFixtures.overlapping(new SplittableRandom(5), 1200, 3);
    LocalStatisticsSource data = GaussianFixtures.source(rows, 3);
    GaussianFamily plain = family(shape, 1e-6, false);
    GaussianMixture start = Initializer.starts(plain, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 7).get(0);
    FitResult<GaussianMixture> a = EmLoop.run(plain, start, data, new EmOptions(30, 0), IterationListener.SILENT);
    FitResult<GaussianMixture> b = EmLoop.run(family(shape, 1e-6, true), start, data, new EmOptions(30, 0),
        IterationListener.SILENT);
    GaussianFixtures.assertSameTheta(a.model(), b.model(), 0.0);
    assertThat(b.logLikelihood()).isEqualTo(a.logLikelihood());
  }

  /**
   * One row with its second coordinate missing: log p(x) must be log Σ_j π_j N(x₁; μ_j1, Σ_j11),
   * the univariate marginal, computed here by hand.
   */
  @Test
  void anIncompleteRowScoresItsMarginalDensity() {
    GaussianMixture theta = GaussianFixtures.theta(new double[] {0.3, 0.7},
        new double[][] {{1, -2}, {4, 5}}, new double[][] {{2, 0.8, 0.8, 1.5}, {0.5, -0.3, -0.3, 3}});
    Block block = new Block(1, 2, new double[] {2.5, Double.NaN}, new double[] {2.0});
    SufficientStats s = family(new FullCovariance(), 0, true).eStep(theta).zero();
    family(new FullCovariance(), 0, true).eStep(theta).accumulate(block, s);
    double p = 0.3 * normal(2.5, 1, 2) + 0.7 * normal(2.5, 4, 0.5);
    assertThat(s.logLikelihood()).isCloseTo(2.0 * Math.log(p), within(1e-12));
    assertThat(s.totalWeight()).isEqualTo(2.0);
    assertThat(s.records()).isEqualTo(1);
  }

  private static double normal(double x, double mean, double variance) {
    return Math.exp(-0.5 * (LOG_2PI + Math.log(variance) + (x - mean) * (x - mean) / variance));
  }

  /**
   * Little &amp; Rubin, "Statistical Analysis with Missing Data" (2nd ed., §7.2.1): bivariate normal,
   * y₁ observed on all n rows, y₂ on the first r only. The MLE has a closed form: μ₁ and σ₁₁ from
   * all of y₁; β = s₁₂/s₁₁ and the residual variance σ₂₂.₁ = s₂₂ − β s₁₂ from the r complete pairs;
   * μ₂ = ȳ₂ + β (μ₁ − ȳ₁), σ₁₂ = β σ₁₁, σ₂₂ = σ₂₂.₁ + β² σ₁₁ (every s with divisor r, every ȳ
   * over the r pairs). EM with k = 1 must converge to it, and its log-likelihood must equal the
   * factored one: Σ_n log N(y₁; μ₁, σ₁₁) + Σ_r log N(y₂; μ₂ + β(y₁ − μ₁), σ₂₂.₁).
   */
  @Test
  void oneComponentMatchesTheClosedFormOfLittleAndRubin() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 40;
    int r = 25;
    double[][] rows = new double[n][2];
    for (int i = 0; i < n; i++) {
      double z1 = rng.nextGaussian();
      rows[i][0] = 3 + 2 * z1;
      rows[i][1] = i < r ? -1 + 0.9 * z1 + 0.7 * rng.nextGaussian() : Double.NaN;
    }
    // The closed form.
    double mu1 = 0;
    for (double[] row : rows) {
      mu1 += row[0] / n;
    }
    double s11all = 0;
    for (double[] row : rows) {
      s11all += (row[0] - mu1) * (row[0] - mu1) / n;
    }
    double m1 = 0;
    double m2 = 0;
    for (int i = 0; i < r; i++) {
      m1 += rows[i][0] / r;
      m2 += rows[i][1] / r;
    }
    double s11 = 0;
    double s12 = 0;
    double s22 = 0;
    for (int i = 0; i < r; i++) {
      s11 += (rows[i][0] - m1) * (rows[i][0] - m1) / r;
      s12 += (rows[i][0] - m1) * (rows[i][1] - m2) / r;
      s22 += (rows[i][1] - m2) * (rows[i][1] - m2) / r;
    }
    double beta = s12 / s11;
    double residual = s22 - beta * s12;
    double mu2 = m2 + beta * (mu1 - m1);
    double sigma12 = beta * s11all;
    double sigma22 = residual + beta * beta * s11all;
    double ll = 0;
    for (int i = 0; i < n; i++) {
      ll += Math.log(normal(rows[i][0], mu1, s11all));
      if (i < r) {
        ll += Math.log(normal(rows[i][1], mu2 + beta * (rows[i][0] - mu1), residual));
      }
    }

    LocalStatisticsSource data = GaussianFixtures.source(rows, 3);
    GaussianMixture start = GaussianFixtures.theta(new double[] {1}, new double[][] {{0, 0}},
        new double[][] {GaussianFixtures.identity(2)});
    FitResult<GaussianMixture> fit = EmLoop.run(family(new FullCovariance(), 0, true), start, data,
        new EmOptions(3000, 0), IterationListener.SILENT);
    GaussianMixture theta = fit.model();
    assertThat(theta.means()[0]).containsExactly(new double[] {mu1, mu2}, within(1e-8));
    assertThat(theta.fullCovariance(0))
        .containsExactly(new double[] {s11all, sigma12, sigma12, sigma22}, within(1e-8));
    assertThat(fit.logLikelihood()).isCloseTo(ll, within(1e-8));
    // The test has teeth: the complete-case estimate of μ₂ is a different number.
    assertThat(Math.abs(mu2 - m2)).isGreaterThan(1e-3);
  }

  private static double[][] threeSeparated(int n, int d, long seed) {
    double[][] means = new double[3][d];
    means[1][0] = 10;
    means[2][1] = 10;
    double[] lower = GaussianFixtures.identity(d);
    lower[d] = 0.5; // features 0 and 1 correlated, so the conditional means matter
    return GaussianFixtures.draw(new SplittableRandom(seed), n, new double[] {0.5, 0.3, 0.2}, means,
        new double[][] {lower, lower, lower});
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"full", "diag", "tied", "spherical"})
  void recoversAWellSeparatedMixtureWithTwentyPercentOfCellsMissing(String type) {
    int d = 3;
    double[][] rows = Data.withMissingCells(threeSeparated(6000, d, 3), 0.2, new SplittableRandom(4));
    long missing = java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream)
        .filter(Double::isNaN).count();
    assertThat(missing).isBetween(3000L, 4200L); // ~20% of 18,000 cells
    CovarianceShape shape = CovarianceType.parse(type).shape();
    GaussianFamily family = family(shape, 1e-6, true);
    LocalStatisticsSource data = GaussianFixtures.source(rows, 4);
    GaussianMixture start = Initializer.starts(family, new CompleteRowsSample(data), 3,
        InitMethod.KMEANS_PLUS_PLUS, 1, 9).get(0);
    FitResult<GaussianMixture> fit = EmLoop.run(family, start, data, new EmOptions(200, 1e-10),
        IterationListener.SILENT);

    double[][] truth = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}};
    for (double[] mu : truth) {
      double best = Double.MAX_VALUE;
      for (double[] m : fit.model().means()) {
        double dist = 0;
        for (int a = 0; a < d; a++) {
          dist = Math.max(dist, Math.abs(m[a] - mu[a]));
        }
        best = Math.min(best, dist);
      }
      // ~1,200+ rows per component, unit spread: the mean is off by ~0.03; 0.15 is 5 standard errors.
      assertThat(best).as("nearest fitted mean to %s", java.util.Arrays.toString(mu)).isLessThan(0.15);
    }
    List<Double> ll = new ArrayList<>(fit.trace().stream().map(TraceEntry::logLikelihood).toList());
    ll.add(fit.logLikelihood());
    for (int t = 1; t < ll.size(); t++) {
      assertThat(ll.get(t)).as("LL after iteration %d", t)
          .isGreaterThanOrEqualTo(ll.get(t - 1) - 1e-9 * Math.abs(ll.get(t - 1)));
    }
  }

  /** Pattern groups are per block; how rows fall into blocks changes only the rounding. */
  @Test
  void partitioningAndDuplicationDoNotChangeTheFit() {
    double[][] rows = Data.withMissingCells(threeSeparated(900, 3, 8), 0.3, new SplittableRandom(6));
    GaussianFamily family = family(new FullCovariance(), 1e-6, true);
    LocalStatisticsSource one = GaussianFixtures.source(rows, 1);
    GaussianMixture start = Initializer.starts(family, new CompleteRowsSample(one), 3,
        InitMethod.KMEANS_PLUS_PLUS, 1, 2).get(0);
    EmOptions options = new EmOptions(25, 0);
    FitResult<GaussianMixture> a = EmLoop.run(family, start, one, options, IterationListener.SILENT);
    FitResult<GaussianMixture> b = EmLoop.run(family, start, GaussianFixtures.source(rows, 7), options,
        IterationListener.SILENT);
    GaussianFixtures.assertSameTheta(a.model(), b.model(), 1e-9);
    // Every row twice with weight 1 equals every row once with weight 2.
    double[][] twice = new double[rows.length * 2][];
    double[] w2 = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      twice[2 * i] = rows[i];
      twice[2 * i + 1] = rows[i];
      w2[i] = 2;
    }
    FitResult<GaussianMixture> c = EmLoop.run(family, start, GaussianFixtures.source(twice, 3), options,
        IterationListener.SILENT);
    FitResult<GaussianMixture> e = EmLoop.run(family, start,
        new LocalStatisticsSource(GaussianFixtures.split(rows, w2, 2)), options, IterationListener.SILENT);
    GaussianFixtures.assertSameTheta(c.model(), e.model(), 1e-9);
    assertThat(c.logLikelihood()).isCloseTo(2 * a.logLikelihood(), within(1e-7 * Math.abs(a.logLikelihood())));
  }
}
