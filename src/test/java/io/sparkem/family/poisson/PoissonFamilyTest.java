package io.sparkem.family.poisson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.UserError;
import io.sparkem.family.FamilyContractTest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonFamilyTest extends FamilyContractTest<PoissonMixture> {

  private static final double[][] TRUE_RATES = {{1, 4, 0.5}, {6, 1, 3}};

  @Override
  protected Family<PoissonMixture> family(FamilyOptions options) {
    return PoissonFamily.of(options);
  }

  @Override
  protected double[][] records(SplittableRandom rng, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] rate = TRUE_RATES[rng.nextDouble() < 0.4 ? 0 : 1];
      rows[i] = new double[rate.length];
      for (int a = 0; a < rate.length; a++) {
        rows[i][a] = poisson(rate[a], rng);
      }
    }
    return rows;
  }

  /** Knuth's multiplication method, fine for small rates. */
  static int poisson(double lambda, SplittableRandom rng) {
    double limit = Math.exp(-lambda);
    double p = 1;
    int k = -1;
    do {
      k++;
      p *= rng.nextDouble();
    } while (p > limit);
    return k;
  }

  @Override
  protected double[] flatten(PoissonMixture theta) {
    return concat(theta.weights(), concat(theta.lambda()));
  }

  @Override
  protected double[] weights(PoissonMixture theta) {
    return theta.weights();
  }

  /** λ̂_a = the mean count of feature a. */
  @Override
  protected double[] closedFormMle(double[][] records) {
    double[] mean = new double[records[0].length];
    for (double[] r : records) {
      for (int a = 0; a < mean.length; a++) {
        mean[a] += r[a] / records.length;
      }
    }
    return concat(new double[] {1}, mean);
  }

  @Override
  protected PoissonMixture withEmptyComponent(PoissonMixture theta) {
    return new PoissonMixture(new double[] {1, 0}, theta.lambda());
  }

  /**
   * Hasselblad (1969, JASA 64:1459), deaths per day among London women aged 80+ (The Times,
   * 1910–1912): days with 0..9 deaths occurred 162, 267, 271, 185, 111, 61, 27, 8, 3, 1 times. The
   * two-component MLE: π = 0.640115, λ = 2.663404 and π = 0.359885, λ = 1.256095, log-likelihood
   * −1989.945860 with the −log x! terms. Plain EM creeps there (a few thousand steps from this
   * start; a Python loop of the same EM gives π within 1e-6 after 3000).
   */
  @Test
  void hasselbladDeathsPerDay() {
    double[] freq = {162, 267, 271, 185, 111, 61, 27, 8, 3, 1};
    double[] x = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i] = i;
    }
    LocalStatisticsSource data = LocalStatisticsSource.of(new Block(10, 1, x, freq));
    PoissonMixture start = new PoissonMixture(new double[] {0.5, 0.5}, new double[][] {{3}, {1}});
    FitResult<PoissonMixture> fit = EmLoop.run(family(), start, data, new EmOptions(3000, 0), (f, e, d) -> {});
    PoissonMixture theta = fit.model();
    assertThat(theta.weights()[0]).isCloseTo(0.640115, within(5e-6));
    assertThat(theta.weights()[1]).isCloseTo(0.359885, within(5e-6));
    assertThat(theta.lambda()[0][0]).isCloseTo(2.663404, within(5e-6));
    assertThat(theta.lambda()[1][0]).isCloseTo(1.256095, within(5e-6));
    assertThat(fit.logLikelihood()).isCloseTo(-1989.945860, within(1e-6));
    assertThat(fit.totalWeight()).isEqualTo(1096);

    // The published optimum itself scores the published log-likelihood (to its 6 decimals).
    PoissonMixture published = new PoissonMixture(new double[] {0.640115, 0.359885},
        new double[][] {{2.663404}, {1.256095}});
    double ll = data.pass(List.of(family().eStep(published))).get(0).logLikelihood();
    assertThat(ll).isCloseTo(-1989.945860, within(2e-6));
  }

  @Test
  void logDensityIncludesMinusLogFactorial() {
    // One record x = (2, 0, 5) under one component λ = (1.5, 0.2, 3), by hand.
    double expected = 2 * Math.log(1.5) - 1.5 - Math.log(2)
        + 0 - 0.2 - 0
        + 5 * Math.log(3) - 3 - Math.log(120);
    PoissonMixture theta = new PoissonMixture(new double[] {1}, new double[][] {{1.5, 0.2, 3}});
    Block one = Block.unweighted(3, new double[][] {{2, 0, 5}});
    double ll = LocalStatisticsSource.of(one).pass(List.of(family().eStep(theta))).get(0).logLikelihood();
    assertThat(ll).isCloseTo(expected, within(1e-12));
  }

  @Test
  void aFeatureThatIsAlwaysZeroKeepsAFiniteRate() {
    double[][] rows = {{0, 3}, {0, 1}, {0, 4}, {0, 2}};
    LocalStatisticsSource data = source(rows, null, 1);
    PoissonMixture start = new PoissonMixture(new double[] {1}, new double[][] {{1, 1}});
    FitResult<PoissonMixture> fit = fit(start, data, 2);
    assertThat(fit.model().lambda()[0]).containsExactly(PoissonFamily.LAMBDA_MIN, 2.5);
    assertThat(fit.logLikelihood()).isFinite();
  }

  @Test
  void recordsMustBeNonNegativeIntegerCounts() {
    var check = family().recordCheck();
    assertThat(check.check(new double[] {0, 3, 12}, 0, 3)).isNull();
    assertThat(check.check(new double[] {1, -1, 2}, 0, 3).column()).isEqualTo(1);
    assertThat(check.check(new double[] {1, 2.5, 2}, 0, 3).message())
        .isEqualTo("must be a non-negative integer count");
  }

  @Test
  void parametersAndJsonChecks() throws Exception {
    PoissonMixture theta = new PoissonMixture(new double[] {0.3, 0.7}, new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(theta.freeParameters()).isEqualTo(1 + 2 * 3);
    var bad = new ObjectMapper().readTree(
        "{\"components\":[{\"weight\":1,\"lambda\":[1,-2]}]}");
    assertThatThrownBy(() -> family().readJson(bad)).isInstanceOf(UserError.class)
        .hasMessageContaining("lambda").hasMessageContaining(">= 0");
  }
}
