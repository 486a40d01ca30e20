package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark MLlib's two-component 2-D case, checked there against R's mixtools. Source: apache/spark,
 * mllib/src/test/scala/org/apache/spark/ml/clustering/GaussianMixtureSuite.scala, test
 * "multivariate data and check againt R mvnormalmixEM" (data {@code rData}); the R script and its
 * output as pasted in that suite:
 *
 * <pre>
 *   library(mvtnorm)
 *   library(mixtools)
 *   set.seed(1)
 *   a &lt;- rmvnorm(7, c(0, 0))
 *   b &lt;- rmvnorm(8, c(10, 10))
 *   data &lt;- rbind(a, b)
 *   model &lt;- mvnormalmixEM(data, k = 2)
 *   model$lambda   # [1] 0.4666667 0.5333333
 *   model$mu       # [1] 0.11731091 -0.06192351
 *                  # [1] 10.363673  9.897081
 *   model$sigma    # [[1]] [1,] 0.62049934 0.06880802
 *                  #       [2,] 0.06880802 1.27431874
 *                  # [[2]] [1,] 0.2961543 0.160783
 *                  #       [2,] 0.1607830 1.008878
 *   model$loglik   # [1] -46.89499
 * </pre>
 *
 * Spark asserts weights, means and covariances to 1e-3 and the log-likelihood to 1e-5. We hold the
 * parameters to 1e-5 (R printed 7 significant digits) and the log-likelihood to 1e-5 (R's −46.89499
 * is rounded to ±5e-6). mixtools does not regularise, so reg_covar = 0 here.
 *
 * <p>k-means++ separates the two clusters exactly, so EM from it converges at once; the second test
 * starts from a poor θ0 so that EM itself has to find the optimum.
 */
class MixtoolsReferenceTest {

  private static final double[][] R_DATA = {
      {-0.6264538, 0.1836433}, {-0.8356286, 1.5952808},
      {0.3295078, -0.8204684}, {0.4874291, 0.7383247},
      {0.5757814, -0.3053884}, {1.5117812, 0.3898432},
      {-0.6212406, -2.2146999}, {11.1249309, 9.9550664},
      {9.9838097, 10.9438362}, {10.8212212, 10.5939013},
      {10.9189774, 10.7821363}, {10.0745650, 8.0106483},
      {10.6198257, 9.9438713}, {9.8442045, 8.5292476},
      {9.5218499, 10.4179416}};

  private static final double TOL = 1e-5;
  private static final GaussianFamily FAMILY = GaussianFixtures.family(0);
  private static final LocalStatisticsSource DATA =
      LocalStatisticsSource.of(Block.unweighted(2, R_DATA));

  private static FitResult<GaussianMixture> fit(GaussianMixture start) {
    return EmLoop.run(FAMILY, start, DATA, new EmOptions(10_000, 1e-12), IterationListener.SILENT);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 538009335, 42})
  void fitFromKMeansPlusPlusMatchesMixtools(long seed) {
    GaussianMixture start =
        Initializer.starts(FAMILY, DATA, 2, InitMethod.KMEANS_PLUS_PLUS, 1, seed).get(0);
    assertMatchesMixtools(fit(start));
  }

  @Test
  void fitFromAPoorStartMatchesMixtools() {
    // Both components start in the middle, overlapping, each as wide as the whole data (Σ = 25 I):
    // EM needs several iterations to pull them apart. (A start split across the other diagonal,
    // e.g. means (4, 6) and (6, 4), ends in a poorer local optimum, LL ≈ −59.997: EM is local.)
    double[] wide = {25, 0, 0, 25};
    GaussianMixture start = GaussianFixtures.theta(new double[] {0.5, 0.5},
        new double[][] {{4, 4}, {6, 6}}, new double[][] {wide, wide});
    FitResult<GaussianMixture> fit = fit(start);
    assertThat(fit.iterations()).isGreaterThan(3);
    assertMatchesMixtools(fit);
  }

  private static void assertMatchesMixtools(FitResult<GaussianMixture> fit) {
    assertThat(fit.converged()).isTrue();
    assertThat(fit.logLikelihood()).isCloseTo(-46.89499, within(1e-5));
    GaussianMixture m = fit.model();
    int low = m.means()[0][0] < m.means()[1][0] ? 0 : 1; // the component near (0, 0)
    int high = 1 - low;
    assertThat(m.weights()[low]).isCloseTo(0.4666667, within(TOL));
    assertThat(m.weights()[high]).isCloseTo(0.5333333, within(TOL));
    assertThat(m.means()[low]).containsExactly(new double[] {0.11731091, -0.06192351}, within(TOL));
    assertThat(m.means()[high]).containsExactly(new double[] {10.363673, 9.897081}, within(TOL));
    assertThat(m.fullCovariance(low)).containsExactly(
        new double[] {0.62049934, 0.06880802, 0.06880802, 1.27431874}, within(TOL));
    assertThat(m.fullCovariance(high)).containsExactly(
        new double[] {0.2961543, 0.160783, 0.1607830, 1.008878}, within(TOL));
  }
}
