package io.sparkem.family.bernoulli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.core.Block;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.UserError;
import io.sparkem.family.FamilyContractTest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BernoulliFamilyTest extends FamilyContractTest<BernoulliMixture> {

  private static final double[][] PROTOTYPES = {
      {0.9, 0.8, 0.1, 0.2, 0.7, 0.3}, {0.1, 0.25, 0.8, 0.9, 0.3, 0.6}};

  @Override
  protected Family<BernoulliMixture> family(FamilyOptions options) {
    return BernoulliFamily.of(options);
  }

  @Override
  protected double[][] records(SplittableRandom rng, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] p = PROTOTYPES[rng.nextDouble() < 0.45 ? 0 : 1];
      rows[i] = new double[p.length];
      for (int a = 0; a < p.length; a++) {
        rows[i][a] = rng.nextDouble() < p[a] ? 1 : 0;
      }
    }
    return rows;
  }

  @Override
  protected double[] flatten(BernoulliMixture theta) {
    return concat(theta.weights(), concat(theta.p()));
  }

  @Override
  protected double[] weights(BernoulliMixture theta) {
    return theta.weights();
  }

  /** p̂_a = the share of records with a 1 in feature a. */
  @Override
  protected double[] closedFormMle(double[][] records) {
    double[] ones = new double[records[0].length];
    for (double[] r : records) {
      for (int a = 0; a < ones.length; a++) {
        ones[a] += r[a];
      }
    }
    for (int a = 0; a < ones.length; a++) {
      ones[a] /= records.length;
    }
    return concat(new double[] {1}, ones);
  }

  @Override
  protected BernoulliMixture withEmptyComponent(BernoulliMixture theta) {
    return new BernoulliMixture(new double[] {1, 0}, theta.p());
  }

  @Test
  void logDensityByHand() {
    // x = (1, 0, 1) under π = (0.3, 0.7), p₁ = (0.2, 0.5, 0.9), p₂ = (0.6, 0.1, 0.4).
    double f1 = 0.2 * 0.5 * 0.9;
    double f2 = 0.6 * 0.9 * 0.4;
    BernoulliMixture theta = new BernoulliMixture(new double[] {0.3, 0.7},
        new double[][] {{0.2, 0.5, 0.9}, {0.6, 0.1, 0.4}});
    Block one = Block.unweighted(3, new double[][] {{1, 0, 1}});
    double ll = LocalStatisticsSource.of(one).pass(List.of(family().eStep(theta))).get(0).logLikelihood();
    assertThat(ll).isCloseTo(Math.log(0.3 * f1 + 0.7 * f2), within(1e-14));
  }

  @Test
  void probabilitiesStayClampedAwayFromZeroAndOne() {
    // Feature 0 is always 1, feature 1 always 0: the unclamped MLE would be p = (1, 0).
    double[][] rows = {{1, 0, 1}, {1, 0, 0}, {1, 0, 1}};
    BernoulliMixture start = new BernoulliMixture(new double[] {1}, new double[][] {{0.5, 0.5, 0.5}});
    FitResult<BernoulliMixture> fit = fit(start, source(rows, null, 1), 3);
    assertThat(fit.model().p()[0]).containsExactly(BernoulliFamily.P_MAX, BernoulliFamily.P_MIN, 2.0 / 3);
    assertThat(fit.logLikelihood())
        .isCloseTo(2 * Math.log(2.0 / 3) + Math.log(1.0 / 3) + 6 * Math.log(BernoulliFamily.P_MAX), within(1e-12));

    // A θ given with exact 0 and 1 (by hand) still scores finitely: the E-step clamps too.
    BernoulliMixture hard = new BernoulliMixture(new double[] {0.5, 0.5}, new double[][] {{1, 0, 1}, {0, 1, 0}});
    double ll = source(rows, null, 1).pass(List.of(family().eStep(hard))).get(0).logLikelihood();
    assertThat(ll).isFinite();
  }

  @Test
  void recordsMustBeZeroOrOne() {
    var check = family().recordCheck();
    assertThat(check.check(new double[] {0, 1, 1}, 0, 3)).isNull();
    var problem = check.check(new double[] {0, 1, 2}, 0, 3);
    assertThat(problem.column()).isEqualTo(2);
    assertThat(problem.message()).isEqualTo("must be 0 or 1");
    assertThat(check.check(new double[] {0.5}, 0, 1).column()).isZero();
  }

  @Test
  void parametersAndJsonChecks() throws Exception {
    BernoulliMixture theta = new BernoulliMixture(new double[] {0.5, 0.5},
        new double[][] {{0.1, 0.2, 0.3, 0.4}, {0.5, 0.6, 0.7, 0.8}});
    assertThat(theta.freeParameters()).isEqualTo(1 + 2 * 4);
    ObjectMapper mapper = new ObjectMapper();
    var bad = mapper.readTree("{\"components\":[{\"weight\":1,\"p\":[0.5,1.5]}]}");
    assertThatThrownBy(() -> family().readJson(bad)).isInstanceOf(UserError.class)
        .hasMessageContaining("component 0").hasMessageContaining("[0, 1]");
    var edges = mapper.readTree("{\"components\":[{\"weight\":1,\"p\":[0,1]}]}");
    assertThat(family().readJson(edges).p()[0]).containsExactly(BernoulliFamily.P_MIN, BernoulliFamily.P_MAX);
  }

  /** d = 1,000 binary features: the E-step and statistics are O(k·d) per record. */
  @Test
  void aThousandFeatures() {
    SplittableRandom rng = new SplittableRandom(12);
    double[][] rows = new double[400][1000];
    for (double[] r : rows) {
      boolean first = rng.nextBoolean();
      for (int a = 0; a < r.length; a++) {
        r[a] = rng.nextDouble() < (first == (a % 2 == 0) ? 0.8 : 0.2) ? 1 : 0;
      }
    }
    LocalStatisticsSource data = source(rows, null, 4);
    FitResult<BernoulliMixture> fit = fit(start(family(), data, 2), data, 5);
    assertThat(fit.logLikelihood()).isFinite();
    assertThat(fit.model().weights()[0]).isBetween(0.3, 0.7);
  }
}
