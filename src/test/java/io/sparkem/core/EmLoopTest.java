package io.sparkem.core;

import static io.sparkem.family.gaussian.GaussianFixtures.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianFixtures;
import io.sparkem.family.gaussian.GaussianMixture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The loop's contract: maxIter = N returns θ_N with LL(θ_N) and N trace entries, trace entry t
 * holds LL(θ_{t−1}), and it stops at the first pass whose change per unit weight is within tol.
 */
class EmLoopTest {

  private static final GaussianFamily FAMILY = GaussianFixtures.family(1e-6);
  private static final double[][] ROWS = GaussianFixtures.overlapping(new SplittableRandom(11), 300, 2);
  private static final LocalStatisticsSource DATA = GaussianFixtures.source(ROWS, 3);

  /** θ0: two unit-covariance components at (0, 0) and (3, 3), weights ½. */
  private static GaussianMixture start() {
    return GaussianFixtures.theta(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {3, 3}},
        new double[][] {identity(2), identity(2)});
  }

  private static FitResult<GaussianMixture> run(int maxIter, double tol) {
    return EmLoop.run(FAMILY, start(), DATA, new EmOptions(maxIter, tol), IterationListener.SILENT);
  }

  @Test
  void maxIterZeroReturnsTheStartWithItsLogLikelihood() {
    // LL(θ0) by the textbook density: φ(y) = exp(−½‖y‖²) / 2π for unit covariance in 2-D.
    double expected = 0;
    for (double[] x : ROWS) {
      double f1 = Math.exp(-0.5 * (x[0] * x[0] + x[1] * x[1])) / (2 * Math.PI);
      double f2 = Math.exp(-0.5 * ((x[0] - 3) * (x[0] - 3) + (x[1] - 3) * (x[1] - 3))) / (2 * Math.PI);
      expected += Math.log(0.5 * f1 + 0.5 * f2);
    }
    GaussianMixture start = start();
    FitResult<GaussianMixture> fit =
        EmLoop.run(FAMILY, start, DATA, new EmOptions(0, 1e-3), IterationListener.SILENT);
    assertThat(fit.model()).isSameAs(start);
    assertThat(fit.iterations()).isZero();
    assertThat(fit.trace()).isEmpty();
    assertThat(fit.converged()).isFalse();
    assertThat(fit.logLikelihood()).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    assertThat(fit.records()).isEqualTo(300);
    assertThat(fit.totalWeight()).isEqualTo(300.0);
  }

  @Test
  void maxIterNGivesExactlyNTraceEntriesWhenNotConverged() {
    FitResult<GaussianMixture> fit = run(5, 0);
    assertThat(fit.converged()).isFalse();
    assertThat(fit.iterations()).isEqualTo(5);
    assertThat(fit.trace()).extracting(TraceEntry::iteration).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void traceEntryTHoldsTheLogLikelihoodOfThetaTMinus1() {
    FitResult<GaussianMixture> five = run(5, 0);
    for (int t = 0; t < 5; t++) {
      // run(t) stops at θ_t and reports LL(θ_t); iteration t+1 of a longer run started from θ_t.
      assertThat(five.trace().get(t).logLikelihood()).isEqualTo(run(t, 0).logLikelihood());
    }
    // And the final LL is that of the returned θ, by a fresh pass.
    SufficientStats again = DATA.pass(List.of(FAMILY.eStep(five.model()))).get(0);
    assertThat(five.logLikelihood()).isEqualTo(again.logLikelihood());
  }

  @Test
  void largeToleranceConvergesAtTheFirstComparablePass() {
    // Pass 0 has nothing to compare with, so the earliest stop is after one iteration.
    FitResult<GaussianMixture> fit = run(100, 1e6);
    assertThat(fit.converged()).isTrue();
    assertThat(fit.iterations()).isEqualTo(1);
    assertThat(fit.trace()).hasSize(1);
  }

  @Test
  void stopsAtTheFirstPassWithinTolerance() {
    double tol = 1e-4;
    FitResult<GaussianMixture> fit = run(500, tol);
    assertThat(fit.converged()).isTrue();
    List<Double> ll = new ArrayList<>();
    fit.trace().forEach(e -> ll.add(e.logLikelihood()));
    ll.add(fit.logLikelihood());
    double w = fit.totalWeight();
    assertThat(ll.size()).isGreaterThan(3);
    assertThat(Math.abs(ll.get(ll.size() - 1) - ll.get(ll.size() - 2)) / w).isLessThanOrEqualTo(tol);
    for (int t = 1; t < ll.size() - 1; t++) {
      assertThat(Math.abs(ll.get(t) - ll.get(t - 1)) / w).as("pass %d", t).isGreaterThan(tol);
    }
  }

  @Test
  void restartsRunTogetherGiveTheSameResultsAsAlone() {
    GaussianMixture other = GaussianFixtures.theta(new double[] {0.2, 0.8},
        new double[][] {{-1, 1}, {2, 0}}, new double[][] {identity(2), identity(2)});
    EmOptions options = new EmOptions(40, 1e-6);
    List<FitResult<GaussianMixture>> both =
        EmLoop.run(FAMILY, List.of(start(), other), DATA, options, IterationListener.SILENT);
    FitResult<GaussianMixture> a = EmLoop.run(FAMILY, start(), DATA, options, IterationListener.SILENT);
    FitResult<GaussianMixture> b = EmLoop.run(FAMILY, other, DATA, options, IterationListener.SILENT);
    assertThat(both.get(0).logLikelihood()).isEqualTo(a.logLikelihood());
    assertThat(both.get(1).logLikelihood()).isEqualTo(b.logLikelihood());
    assertThat(both.get(0).iterations()).isEqualTo(a.iterations());
    assertThat(both.get(1).iterations()).isEqualTo(b.iterations());
    GaussianFixtures.assertSameTheta(both.get(1).model(), b.model(), 0);
  }

  @Test
  void listenerHearsEveryIterationWithItsDelta() {
    List<Double> deltas = new ArrayList<>();
    List<TraceEntry> entries = new ArrayList<>();
    FitResult<GaussianMixture> fit = EmLoop.run(FAMILY, start(), DATA, new EmOptions(4, 0),
        (index, entry, delta) -> {
          entries.add(entry);
          deltas.add(delta);
        });
    assertThat(entries).isEqualTo(fit.trace());
    assertThat(deltas.get(0)).isNaN();
    for (int t = 1; t < 4; t++) {
      double expected = (fit.trace().get(t).logLikelihood() - fit.trace().get(t - 1).logLikelihood()) / 300;
      assertThat(deltas.get(t)).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void optionsRejectNegativeMaxIterAndBadTol() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmOptions(-1, 1e-3));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmOptions(1, Double.NaN));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmOptions(1, -1e-3));
  }
}
