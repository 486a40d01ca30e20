package io.sparkem.family.binomial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.UserError;
import io.sparkem.family.FamilyContractTest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinomialFamilyTest extends FamilyContractTest<BinomialMixture> {

  @Override
  protected Family<BinomialMixture> family(FamilyOptions options) {
    return BinomialFamily.of(options);
  }

  /** (successes, trials) with 5..20 trials, from p = 0.3 (40%) or p = 0.75. */
  @Override
  protected double[][] records(SplittableRandom rng, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double p = rng.nextDouble() < 0.4 ? 0.3 : 0.75;
      int trials = 5 + rng.nextInt(16);
      int successes = 0;
      for (int t = 0; t < trials; t++) {
        successes += rng.nextDouble() < p ? 1 : 0;
      }
      rows[i] = new double[] {successes, trials};
    }
    return rows;
  }

  @Override
  protected double[] flatten(BinomialMixture theta) {
    return concat(theta.weights(), theta.p());
  }

  @Override
  protected double[] weights(BinomialMixture theta) {
    return theta.weights();
  }

  /** p̂ = Σ x / Σ n. */
  @Override
  protected double[] closedFormMle(double[][] records) {
    double x = 0;
    double n = 0;
    for (double[] r : records) {
      x += r[0];
      n += r[1];
    }
    return new double[] {1, x / n};
  }

  @Override
  protected BinomialMixture withEmptyComponent(BinomialMixture theta) {
    return new BinomialMixture(new double[] {1, 0}, theta.p());
  }

  private static LocalStatisticsSource coins() {
    double[][] runs = {{5, 10}, {9, 10}, {8, 10}, {4, 10}, {7, 10}};
    return source(runs, null, 1);
  }

  /**
   * Do &amp; Batzoglou (2008), "What is the expectation maximization algorithm?", Nature
   * Biotechnology 26:897, Fig. 1b: five runs of 10 tosses with 5, 9, 8, 4, 7 heads, coins A and B
   * equally likely (weights fixed at ½), θA = 0.6, θB = 0.5 at the start. The paper: θA ≈ 0.71,
   * θB ≈ 0.58 after one step and θA ≈ 0.80, θB ≈ 0.52 after ten. The digits below come from an
   * independent Python loop:
   * <pre>
   *   h = [5, 9, 8, 4, 7]; a, b = 0.6, 0.5
   *   for it in range(10):
   *     r = [a**x*(1-a)**(10-x) / (a**x*(1-a)**(10-x) + b**x*(1-b)**(10-x)) for x in h]
   *     a = sum(ri*x for ri, x in zip(r, h)) / (10*sum(r))
   *     b = sum((1-ri)*x for ri, x in zip(r, h)) / (10*sum(1-ri for ri in r))
   * </pre>
   */
  @Test
  void twoCoinsOfDoAndBatzoglou() {
    Family<BinomialMixture> family = family(FamilyOptions.defaults().withFixWeights(true));
    BinomialMixture start = new BinomialMixture(new double[] {0.5, 0.5}, new double[] {0.6, 0.5});
    BinomialMixture one = fit(family, start, coins(), 1).model();
    assertThat(one.p()[0]).isCloseTo(0.71, within(0.01)).isCloseTo(0.7130122354005163, within(1e-12));
    assertThat(one.p()[1]).isCloseTo(0.58, within(0.01)).isCloseTo(0.5813393083136627, within(1e-12));
    BinomialMixture ten = fit(family, start, coins(), 10).model();
    assertThat(ten.p()[0]).isCloseTo(0.80, within(0.01)).isCloseTo(0.7967441494752115, within(1e-12));
    assertThat(ten.p()[1]).isCloseTo(0.52, within(0.01)).isCloseTo(0.5196586622041123, within(1e-12));
    assertThat(ten.weights()).containsExactly(0.5, 0.5);
  }

  @Test
  void logLikelihoodIncludesTheBinomialCoefficient() {
    // Run 1 of the coins under θA = 0.6 alone: C(10, 5) 0.6^5 0.4^5.
    BinomialMixture theta = new BinomialMixture(new double[] {1}, new double[] {0.6});
    Block one = Block.unweighted(2, new double[][] {{5, 10}});
    double ll = LocalStatisticsSource.of(one).pass(List.of(family().eStep(theta))).get(0).logLikelihood();
    assertThat(ll).isCloseTo(Math.log(252 * Math.pow(0.6, 5) * Math.pow(0.4, 5)), within(1e-13));
  }

  @Test
  void theTrialsColumnMakesTheBlockTwoWide() {
    assertThat(family().blockWidth(1)).isEqualTo(2);
    BinomialMixture theta = new BinomialMixture(new double[] {1}, new double[] {0.5});
    assertThat(theta.dimension()).isEqualTo(1);
    Block noTrials = Block.unweighted(1, new double[][] {{3}});
    assertThatThrownBy(() -> LocalStatisticsSource.of(noTrials).pass(List.of(family().eStep(theta))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsAreIntegerSuccessesOutOfPositiveIntegerTrials() {
    var check = family().recordCheck();
    assertThat(check.check(new double[] {0, 10}, 0, 2)).isNull();
    assertThat(check.check(new double[] {10, 10}, 0, 2)).isNull();
    var tooMany = check.check(new double[] {11, 10}, 0, 2);
    assertThat(tooMany.column()).isZero();
    assertThat(tooMany.message()).isEqualTo("must be an integer between 0 and the number of trials (10)");
    assertThat(check.check(new double[] {2.5, 10}, 0, 2).column()).isZero();
    assertThat(check.check(new double[] {-1, 10}, 0, 2).column()).isZero();
    var noTrials = check.check(new double[] {0, 0}, 0, 2);
    assertThat(noTrials.column()).isEqualTo(1);
    assertThat(noTrials.message()).isEqualTo("must be a positive integer number of trials");
    assertThat(check.check(new double[] {1, 2.5}, 0, 2).column()).isEqualTo(1);
    assertThat(check.check(new double[] {1}, 0, 1).message()).contains("--trials");
  }

  @Test
  void parametersAndJson() throws Exception {
    BinomialMixture theta = new BinomialMixture(new double[] {0.25, 0.75}, new double[] {0.2, 0.9});
    assertThat(theta.freeParameters()).isEqualTo(3);
    ObjectMapper mapper = new ObjectMapper();
    var root = mapper.createObjectNode();
    family().writeJson(theta, root);
    assertThat(root.get("components").get(1).get("p").isNumber()).isTrue();
    var bad = mapper.readTree("{\"components\":[{\"weight\":1,\"p\":1.2}]}");
    assertThatThrownBy(() -> family().readJson(bad)).isInstanceOf(UserError.class).hasMessageContaining("'p'");
  }

  @Test
  void converges() {
    LocalStatisticsSource data = source(records(new SplittableRandom(21), 2000), null, 4);
    var fit = EmLoop.run(family(), start(family(), data, 2), data, new EmOptions(500, 1e-10), (f, e, d) -> {});
    double[] p = fit.model().p().clone();
    java.util.Arrays.sort(p);
    assertThat(p[0]).isCloseTo(0.3, within(0.02));
    assertThat(p[1]).isCloseTo(0.75, within(0.02));
  }
}
