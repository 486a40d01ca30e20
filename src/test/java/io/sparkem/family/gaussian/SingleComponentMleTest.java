package io.sparkem.family.gaussian;

import static io.sparkem.family.gaussian.GaussianFixtures.family;
import static io.sparkem.family.gaussian.GaussianFixtures.identity;
import static io.sparkem.family.gaussian.GaussianFixtures.theta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import org.junit.jupiter.api.Test;

/**
 * With k = 1 the E-step gives every record responsibility 1, so one M-step from any start lands on
 * the closed-form MLE: the weighted mean and the biased weighted covariance (divided by Σw), plus
 * reg_covar on the diagonal.
 */
class SingleComponentMleTest {

  private static final double REG = 1e-6;

  /** A deliberately bad start: mean 0, identity covariance. */
  private static GaussianMixture badStart(int d) {
    return theta(new double[] {1}, new double[][] {new double[d]}, new double[][] {identity(d)});
  }

  @Test
  void oneStepFromABadStartGivesTheWeightedMle() {
    double[][] x = {{10, -3, 0.5}, {12.5, -1, 0.25}, {9, -4, 1.5}, {11, -2.5, -0.75}, {14, 0, 2}};
    double[] w = {0.5, 2, 1, 3.5, 0.25};
    int n = x.length;
    int d = 3;
    // Expected, computed here by the two-pass textbook formula.
    double sw = 0;
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      sw += w[i];
      for (int a = 0; a < d; a++) {
        mean[a] += w[i] * x[i][a];
      }
    }
    for (int a = 0; a < d; a++) {
      mean[a] /= sw;
    }
    double[] cov = new double[d * d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          cov[a * d + b] += w[i] * (x[i][a] - mean[a]) * (x[i][b] - mean[b]) / sw;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      cov[a * d + a] += REG;
    }

    LocalStatisticsSource data = new LocalStatisticsSource(GaussianFixtures.split(x, w, 2));
    FitResult<GaussianMixture> fit = EmLoop.run(family(REG), badStart(d), data,
        new EmOptions(1, 0), IterationListener.SILENT);

    assertThat(fit.iterations()).isEqualTo(1);
    assertThat(fit.model().weights()).containsExactly(1.0);
    assertThat(fit.model().means()[0]).containsExactly(mean, within(1e-10));
    assertThat(fit.model().fullCovariance(0)).containsExactly(cov, within(1e-10));
    assertThat(fit.totalWeight()).isEqualTo(sw);
  }

  @Test
  void sparkSingleClusterCase() {
    // Spark MLlib, mllib/src/test/scala/org/apache/spark/mllib/clustering/GaussianMixtureSuite.scala,
    // test "single cluster": points (6,9), (5,10), (4,11) give w = 1, μ = (5, 10) and
    // Σ = [[2/3, −2/3], [−2/3, 2/3]]. By hand: deviations (1,−1), (0,0), (−1,1), so
    // Σ = ((1,−1)(1,−1)ᵀ + (−1,1)(−1,1)ᵀ) / 3. That Σ is singular; reg_covar makes it definite.
    Block b = Block.unweighted(2, new double[][] {{6, 9}, {5, 10}, {4, 11}});
    FitResult<GaussianMixture> fit = EmLoop.run(family(REG), badStart(2), LocalStatisticsSource.of(b),
        new EmOptions(1, 0), IterationListener.SILENT);
    assertThat(fit.model().means()[0]).containsExactly(new double[] {5, 10}, within(1e-10));
    assertThat(fit.model().fullCovariance(0)).containsExactly(
        new double[] {2.0 / 3 + REG, -2.0 / 3, -2.0 / 3, 2.0 / 3 + REG}, within(1e-10));
  }

  @Test
  void theMleIsAFixedPoint() {
    // Further iterations must not move θ: run to convergence and compare with one step.
    Block b = Block.unweighted(2, new double[][] {{6, 9}, {5, 10}, {4, 11}, {7, 7}});
    LocalStatisticsSource data = LocalStatisticsSource.of(b);
    GaussianMixture once = EmLoop.run(family(REG), badStart(2), data, new EmOptions(1, 0),
        IterationListener.SILENT).model();
    FitResult<GaussianMixture> many = EmLoop.run(family(REG), badStart(2), data,
        new EmOptions(50, 1e-12), IterationListener.SILENT);
    GaussianFixtures.assertSameTheta(many.model(), once, 1e-10);
    assertThat(many.converged()).isTrue();
  }
}
