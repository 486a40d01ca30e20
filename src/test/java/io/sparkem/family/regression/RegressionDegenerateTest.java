package io.sparkem.family.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.MStepResult;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Data that leave coefficients undetermined: collinear covariates are the user's to fix (exit 2,
 * naming the columns), a component with too few records is regularised with a warning, an exact
 * fit with {@code --reg-covar 0} is refused — never a NaN. Also: statistics taken around other
 * reference coefficients are moved exactly before they are added (what stepwise EM's blend needs).
 */
class RegressionDegenerateTest {

  /** Records (x1, x2, x3, y) with x3 = 2·x1 − x2 + 1 exactly. */
  private static LocalStatisticsSource collinear(int n) {
    SplittableRandom rng = new SplittableRandom(1);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double x1 = rng.nextGaussian();
      double x2 = rng.nextGaussian();
      rows[i] = new double[] {x1, x2, 2 * x1 - x2 + 1, x1 + rng.nextGaussian()};
    }
    return LocalStatisticsSource.of(Block.unweighted(4, rows));
  }

  private static FitResult<RegressionMixture> fit(RegressionFamily family, LocalStatisticsSource data, int k) {
    RegressionMixture start = Initializer.starts(family, data, k, InitMethod.KMEANS_PLUS_PLUS, 1, 3).get(0);
    return EmLoop.run(family, start, data, new EmOptions(50, 1e-8), IterationListener.SILENT);
  }

  @Test
  void collinearCovariatesAreTheUsersToFixAndNamed() {
    RegressionFamily family = new RegressionFamily(true, 1e-6, false);
    assertThatThrownBy(() -> fit(family, collinear(300), 2))
        .isInstanceOfSatisfying(CollinearCovariatesException.class, e -> {
          assertThat(e.feature()).isEqualTo(2);
          assertThat(e.describe(List.of("price", "cost", "margin")))
              .startsWith("covariates 'margin' and 'price', 'cost' are collinear: 'margin' is a linear "
                  + "combination of 'price', 'cost' and the intercept")
              .endsWith("drop one of them from --features");
          assertThat(e.getMessage()).contains("#3").contains("#1, #2");
        });
  }

  @Test
  void aConstantCovariateDuplicatesTheIntercept() {
    double[][] rows = new double[100][];
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < rows.length; i++) {
      double x = rng.nextGaussian();
      rows[i] = new double[] {x, 7.5, x + rng.nextGaussian()};
    }
    LocalStatisticsSource data = LocalStatisticsSource.of(Block.unweighted(3, rows));
    assertThatThrownBy(() -> fit(new RegressionFamily(true, 1e-6, false), data, 1))
        .isInstanceOfSatisfying(CollinearCovariatesException.class, e ->
            assertThat(e.describe(List.of("a", "b"))).isEqualTo("covariate 'b' is constant, so it duplicates the "
                + "intercept; drop it from --features (or pass --no-intercept)"));
    // Without an intercept a constant column is an ordinary covariate.
    FitResult<RegressionMixture> fit = fit(new RegressionFamily(false, 1e-6, false), data, 1);
    assertThat(java.util.Arrays.stream(fit.model().coefficients()[0]).allMatch(Double::isFinite)).isTrue();
  }

  @Test
  void aCovariateThatIsZeroEverywhereIsNamed() {
    double[][] rows = new double[50][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {i, 0, 2 * i + (i % 3)};
    }
    LocalStatisticsSource data = LocalStatisticsSource.of(Block.unweighted(3, rows));
    assertThatThrownBy(() -> fit(new RegressionFamily(false, 1e-6, false), data, 1))
        .isInstanceOfSatisfying(CollinearCovariatesException.class, e ->
            assertThat(e.describe(List.of("t", "z"))).startsWith("covariate 'z' is 0 on every record"));
  }

  /**
   * Component 1 holds only two records (x, y) of a three-coefficient model (intercept, x1, x2): its
   * Gram matrix is singular. The M-step solves it with the ridge, warns, and keeps every value finite.
   */
  @Test
  void aComponentWithTooFewRecordsIsRegularisedWithAWarning() {
    SplittableRandom rng = new SplittableRandom(4);
    double[][] rows = new double[200][];
    for (int i = 0; i < rows.length; i++) {
      double x1 = rng.nextGaussian();
      double x2 = rng.nextGaussian();
      rows[i] = new double[] {x1, x2, 1 + x1 - x2 + 0.3 * rng.nextGaussian()};
    }
    rows[0] = new double[] {0.5, 0.5, 40};
    rows[1] = new double[] {-0.5, 1.0, 42};
    LocalStatisticsSource data = LocalStatisticsSource.of(Block.unweighted(3, rows));
    RegressionFamily family = new RegressionFamily(true, 1e-6, false);
    RegressionMixture theta = new RegressionMixture(new double[] {0.99, 0.01},
        new double[][] {{1, 1, -1}, {41, 0, 0}}, new double[] {0.1, 1}, true);
    SufficientStats stats = data.pass(List.of(family.eStep(theta))).get(0);
    MStepResult<RegressionMixture> next = family.mStep(stats, theta);
    assertThat(next.warnings()).anyMatch(w -> w.startsWith("component 1: the covariates of its records are collinear"));
    RegressionMixture t = next.model();
    for (int j = 0; j < 2; j++) {
      assertThat(java.util.Arrays.stream(t.coefficients()[j]).allMatch(Double::isFinite)).isTrue();
      assertThat(t.variances()[j]).isFinite().isPositive();
    }
    // A plane through two points: the records are fitted (to the ridge's 1e-8 shrinkage).
    for (int i = 0; i < 2; i++) {
      double fitted = t.predict(1, rows[i], 0);
      assertThat(fitted).isCloseTo(rows[i][2], within(1e-3));
    }
  }

  /** One component fitting its records exactly has an unbounded likelihood without --reg-covar. */
  @Test
  void anExactFitWithoutRegCovarIsRefused() {
    double[][] rows = new double[40][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {i, 3 - 0.5 * i};
    }
    LocalStatisticsSource data = LocalStatisticsSource.of(Block.unweighted(2, rows));
    RegressionMixture start = new RegressionMixture(new double[] {1}, new double[][] {{0, 0}}, new double[] {1}, true);
    RegressionFamily family = new RegressionFamily(true, 0, false);
    assertThatThrownBy(() -> family.mStep(data.pass(List.of(family.eStep(start))).get(0), start))
        .isInstanceOf(UserError.class).hasMessageContaining("fits its records exactly")
        .hasMessageContaining("--reg-covar");
    // With the default floor the same data fit, with σ² = reg.
    RegressionFamily floored = new RegressionFamily(true, 1e-6, false);
    RegressionMixture t = floored.mStep(data.pass(List.of(floored.eStep(start))).get(0), start).model();
    assertThat(t.variances()[0]).isCloseTo(1e-6, within(1e-12));
    assertThat(t.coefficients()[0]).containsExactly(new double[] {3, -0.5}, within(1e-12));
  }

  /**
   * Statistics of fixed responsibilities taken around one set of reference coefficients, merged into
   * statistics around another, equal those taken around the other directly (to 1e-12 relative).
   */
  @Test
  void statisticsMoveExactlyBetweenReferences() {
    double[][] rows = RegressionFamilyTest.twoRegimes(new SplittableRandom(6), 500);
    Block block = Block.unweighted(3, rows);
    SplittableRandom rng = new SplittableRandom(7);
    double[] resp = new double[rows.length * 2];
    for (int i = 0; i < rows.length; i++) {
      double r = rng.nextDouble();
      resp[2 * i] = r;
      resp[2 * i + 1] = 1 - r;
    }
    double[][] a = {{0.5, 1, -2}, {3, 0.2, 0.1}};
    double[][] b = {{-1, 2, 0.5}, {0, -1, 4}};
    RegressionStats fromA = new RegressionStats(a, true);
    fromA.addWeighted(block, resp);
    RegressionStats moved = new RegressionStats(b, true);
    moved.merge(fromA);
    RegressionStats direct = new RegressionStats(b, true);
    direct.addWeighted(block, resp);
    for (int j = 0; j < 2; j++) {
      double[] m = moved.moment(j);
      double[] d = direct.moment(j);
      for (int q = 0; q < d.length; q++) {
        assertThat(m[q]).as("component %d entry %d", j, q).isCloseTo(d[q], within(1e-12 * Math.max(1, Math.abs(d[q]))));
      }
      assertThat(moved.componentWeight(j)).isEqualTo(direct.componentWeight(j));
    }
  }
}
