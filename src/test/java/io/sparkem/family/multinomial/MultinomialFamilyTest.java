package io.sparkem.family.multinomial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.core.Block;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.UserError;
import io.sparkem.family.FamilyContractTest;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultinomialFamilyTest extends FamilyContractTest<MultinomialMixture> {

  private static final double[][] TRUE_P = {{0.4, 0.3, 0.15, 0.1, 0.05}, {0.05, 0.1, 0.2, 0.3, 0.35}};

  @Override
  protected Family<MultinomialMixture> family(FamilyOptions options) {
    return MultinomialFamily.of(options);
  }

  /** 10..40 draws per record over 5 categories. */
  @Override
  protected double[][] records(SplittableRandom rng, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] p = TRUE_P[rng.nextDouble() < 0.5 ? 0 : 1];
      rows[i] = new double[p.length];
      int draws = 10 + rng.nextInt(31);
      for (int t = 0; t < draws; t++) {
        double u = rng.nextDouble();
        int a = 0;
        while (a < p.length - 1 && u >= p[a]) {
          u -= p[a++];
        }
        rows[i][a]++;
      }
    }
    return rows;
  }

  @Override
  protected double[] flatten(MultinomialMixture theta) {
    return concat(theta.weights(), concat(theta.p()));
  }

  @Override
  protected double[] weights(MultinomialMixture theta) {
    return theta.weights();
  }

  /** p̂_a = Σ_i x_ia / Σ_i n_i. */
  @Override
  protected double[] closedFormMle(double[][] records) {
    double[] s = new double[records[0].length];
    double total = 0;
    for (double[] r : records) {
      for (int a = 0; a < s.length; a++) {
        s[a] += r[a];
        total += r[a];
      }
    }
    for (int a = 0; a < s.length; a++) {
      s[a] /= total;
    }
    return concat(new double[] {1}, s);
  }

  @Override
  protected MultinomialMixture withEmptyComponent(MultinomialMixture theta) {
    return new MultinomialMixture(new double[] {1, 0}, theta.p());
  }

  private double logLikelihood(MultinomialMixture theta, double[]... rows) {
    Block b = Block.unweighted(rows[0].length, rows);
    return LocalStatisticsSource.of(b).pass(List.of(family().eStep(theta))).get(0).logLikelihood();
  }

  @Test
  void logDensityIncludesTheMultinomialCoefficient() {
    // x = (2, 0, 1): 3!/(2! 0! 1!) · 0.5² · 0.2 = 0.15; an all-zero record has probability 1.
    MultinomialMixture theta = new MultinomialMixture(new double[] {1}, new double[][] {{0.5, 0.3, 0.2}});
    assertThat(logLikelihood(theta, new double[] {2, 0, 1})).isCloseTo(Math.log(0.15), within(1e-14));
    assertThat(logLikelihood(theta, new double[] {0, 0, 0})).isZero();
  }

  @Test
  void pseudoCountSmoothsTheMStep() {
    double[][] rows = {{3, 0, 1}, {1, 0, 0}};
    MultinomialMixture start = new MultinomialMixture(new double[] {1}, new double[][] {{0.2, 0.3, 0.5}});
    Family<MultinomialMixture> laplace = family(FamilyOptions.defaults().withPseudoCount(1));
    double[] p = fit(laplace, start, source(rows, null, 1), 1).model().p()[0];
    // (S + α) / (Σ S + d α) = (5, 1, 2) / 8
    assertThat(p).containsExactly(new double[] {5.0 / 8, 1.0 / 8, 2.0 / 8}, within(1e-15));
    // Without it a category never seen gets (the floor of) zero, and the fit is the MLE.
    double[] mle = fit(start, source(rows, null, 1), 1).model().p()[0];
    assertThat(mle).containsExactly(new double[] {0.8, MultinomialFamily.P_MIN, 0.2}, within(1e-15));
    assertThat(Arrays.stream(mle).sum()).isCloseTo(1, within(1e-15));
    assertThatThrownBy(() -> FamilyOptions.defaults().withPseudoCount(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStartFromClustersGivesEveryCategoryAPositiveProbability() {
    // Category 2 occurs only in cluster 1; cluster 0's start still gives it p > 0 (1% pooled).
    Block sample = Block.unweighted(3, new double[][] {{4, 1, 0}, {3, 2, 0}, {0, 1, 5}, {1, 0, 4}});
    MultinomialMixture start = family().fromClustering(sample, new int[] {0, 0, 1, 1}, 2);
    assertThat(start.p()[0][2]).isGreaterThan(1e-3);
    assertThat(Arrays.stream(start.p()[0]).sum()).isCloseTo(1, within(1e-12));
    assertThat(logLikelihood(start, new double[] {0, 0, 7})).isFinite();
  }

  @Test
  void recordsAreCountsAndJsonIsChecked() throws Exception {
    var check = family().recordCheck();
    assertThat(check.check(new double[] {0, 3, 0}, 0, 3)).isNull();
    assertThat(check.check(new double[] {0, 3, 0.5}, 0, 3).column()).isEqualTo(2);
    assertThat(new MultinomialMixture(new double[] {0.5, 0.5}, TRUE_P).freeParameters()).isEqualTo(1 + 2 * 4);
    var notOne = new ObjectMapper().readTree("{\"components\":[{\"weight\":1,\"p\":[0.5,0.4]}]}");
    assertThatThrownBy(() -> family().readJson(notOne)).isInstanceOf(UserError.class)
        .hasMessageContaining("sums to");
  }
}
