package io.sparkem.family.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.TraceEntry;
import io.sparkem.testing.RegressionData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mixtures of regressions against R: a single component is ordinary least squares ({@code lm} on
 * {@code mtcars}, to 1e-10), and two components follow mixtools' {@code regmixEM} on
 * {@code NOdata} iteration by iteration (to 1e-8). The values are constants printed by R 4 with
 * mixtools 2.0.0 on this project's machine; the scripts are beside them. No R is needed to run the
 * test.
 */
class RegressionReferenceTest {

  /**
   * {@code mtcars} (R's datasets package, Henderson &amp; Velleman 1981): wt, hp, disp, carb, mpg
   * of the 32 cars, in R's row order.
   */
  static final double[][] MTCARS = {
      {2.62, 110, 160, 4, 21}, {2.875, 110, 160, 4, 21}, {2.32, 93, 108, 1, 22.8}, {3.215, 110, 258, 1, 21.4},
      {3.44, 175, 360, 2, 18.7}, {3.46, 105, 225, 1, 18.1}, {3.57, 245, 360, 4, 14.3}, {3.19, 62, 146.7, 2, 24.4},
      {3.15, 95, 140.8, 2, 22.8}, {3.44, 123, 167.6, 4, 19.2}, {3.44, 123, 167.6, 4, 17.8},
      {4.07, 180, 275.8, 3, 16.4}, {3.73, 180, 275.8, 3, 17.3}, {3.78, 180, 275.8, 3, 15.2},
      {5.25, 205, 472, 4, 10.4}, {5.424, 215, 460, 4, 10.4}, {5.345, 230, 440, 4, 14.7}, {2.2, 66, 78.7, 1, 32.4},
      {1.615, 52, 75.7, 2, 30.4}, {1.835, 65, 71.1, 1, 33.9}, {2.465, 97, 120.1, 1, 21.5}, {3.52, 150, 318, 2, 15.5},
      {3.435, 150, 304, 2, 15.2}, {3.84, 245, 350, 4, 13.3}, {3.845, 175, 400, 2, 19.2}, {1.935, 66, 79, 1, 27.3},
      {2.14, 91, 120.3, 2, 26}, {1.513, 113, 95.1, 2, 30.4}, {3.17, 264, 351, 4, 15.8}, {2.77, 175, 145, 6, 19.7},
      {3.57, 335, 301, 8, 15}, {2.78, 109, 121, 2, 21.4}};

  /** Block rows (wt, hp, disp, mpg) of mtcars, with weights carb or 1. */
  private static LocalStatisticsSource mtcars(boolean carbWeights) {
    int n = MTCARS.length;
    double[] x = new double[n * 4];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(MTCARS[i], 0, x, i * 4, 3);
      x[i * 4 + 3] = MTCARS[i][4];
      w[i] = carbWeights ? MTCARS[i][3] : 1;
    }
    // Two blocks, as two partitions would hold them.
    return LocalStatisticsSource.of(new Block(20, 4, java.util.Arrays.copyOf(x, 80), java.util.Arrays.copyOf(w, 20)),
        new Block(12, 4, java.util.Arrays.copyOfRange(x, 80, 128), java.util.Arrays.copyOfRange(w, 20, 32)));
  }

  /**
   * R 4, {@code data(mtcars)}:
   * <pre>
   * fit &lt;- lm(mpg ~ wt + hp + disp, data = mtcars)
   * sprintf("%.17g", coef(fit))          # 37.105505269031816 -3.8008905826376136
   *                                      # -0.031156550829945558 -0.00093700908148965979
   * sprintf("%.17g", sum(resid(fit)^2) / nrow(mtcars))   # 6.0934585850173884
   * sprintf("%.17g", logLik(fit))        # -74.321486385343917
   * wfit &lt;- lm(mpg ~ wt + hp + disp, data = mtcars, weights = carb)
   * sprintf("%.17g", coef(wfit))         # 34.538245355935153 -3.1983110452368613
   *                                      # -0.024651204202123914 -0.0036424166149061094
   * sprintf("%.17g", sum(mtcars$carb * resid(wfit)^2) / sum(mtcars$carb))   # 4.4549309256190375
   * nfit &lt;- lm(mpg ~ wt + hp + disp - 1, data = mtcars)
   * sprintf("%.17g", coef(nfit))         # 12.063905633751986 0.043822273112511821 -0.11686153312502706
   * sprintf("%.17g", sum(resid(nfit)^2) / nrow(mtcars))  # 73.34187896489739
   * </pre>
   * R's {@code logLik} of an lm is the Gaussian log-likelihood at the MLE σ² = RSS/n, which is the
   * log-likelihood of y given x of our one-component mixture.
   */
  @Test
  void oneComponentIsOrdinaryLeastSquares() {
    Fitted plain = oneComponent(mtcars(false), true);
    assertRelative(plain.theta.coefficients()[0],
        37.105505269031816, -3.8008905826376136, -0.031156550829945558, -0.00093700908148965979);
    assertRelative(plain.theta.variances(), 6.0934585850173884);
    assertRelative(new double[] {plain.logLikelihood}, -74.321486385343917);

    Fitted weighted = oneComponent(mtcars(true), true);
    assertRelative(weighted.theta.coefficients()[0],
        34.538245355935153, -3.1983110452368613, -0.024651204202123914, -0.0036424166149061094);
    assertRelative(weighted.theta.variances(), 4.4549309256190375);

    Fitted noIntercept = oneComponent(mtcars(false), false);
    assertRelative(noIntercept.theta.coefficients()[0], 12.063905633751986, 0.043822273112511821, -0.11686153312502706);
    assertRelative(noIntercept.theta.variances(), 73.34187896489739);
  }

  private record Fitted(RegressionMixture theta, double logLikelihood) {}

  /** One EM step with k = 1 from the start of the one-group partition, reg 0; LL under the result. */
  private static Fitted oneComponent(LocalStatisticsSource data, boolean intercept) {
    RegressionFamily family = new RegressionFamily(intercept, 0, false);
    Block all = io.sparkem.core.Sampling.concat(data.blocks());
    RegressionMixture start = family.fromClustering(all, new int[all.rows()], 1);
    RegressionMixture theta = family.mStep(data.pass(List.of(family.eStep(start))).get(0), start).model();
    return new Fitted(theta, data.pass(List.of(family.eStep(theta))).get(0).logLikelihood());
  }

  /** NOdata as block rows (NO, Equivalence): y = Equivalence regressed on x = NO, as in mixtools' example. */
  static LocalStatisticsSource noData(int blocks) {
    List<Block> out = new ArrayList<>();
    int n = RegressionData.NO_DATA.length;
    for (int b = 0; b < blocks; b++) {
      int from = b * n / blocks;
      int to = (b + 1) * n / blocks;
      double[][] rows = java.util.Arrays.copyOfRange(RegressionData.NO_DATA, from, to);
      out.add(Block.unweighted(2, rows));
    }
    return new LocalStatisticsSource(out);
  }

  /** θ0 of the regmixEM runs below. */
  static final RegressionMixture NO_START = new RegressionMixture(new double[] {0.4, 0.6},
      new double[][] {{0.8, 0.0}, {1.0, -0.05}}, new double[] {0.01, 0.01}, true);

  /**
   * mixtools 2.0.0 {@code regmixEM} from a fixed θ0, N iterations; each of its iterations is one
   * E-step and one M-step (z from θ, then λ, β by {@code lm(y ~ x, weights = z[, j])} and σ_j² =
   * Σ z (y − xβ_new)² / Σ z), and {@code loglik} is that of the θ it returns — our
   * {@code --max-iter N} semantics. {@code epsilon = -Inf} keeps its convergence test from stopping
   * early; {@code restarts} stayed 0 (no re-initialisation happened):
   * <pre>
   * library(mixtools); data(NOdata)
   * x &lt;- NOdata$NO; y &lt;- NOdata$Equivalence
   * for (N in c(1, 5, 25)) {
   *   r &lt;- regmixEM(y, x, lambda = c(0.4, 0.6), beta = cbind(c(0.8, 0.0), c(1.0, -0.05)),
   *                 sigma = c(0.1, 0.1), k = 2, epsilon = -Inf, maxit = N)
   *   cat(sprintf("%.17g", c(r$lambda, r$beta, r$sigma^2, r$loglik)), r$restarts, "\n")
   * }
   * </pre>
   * printed (λ1 λ2, β1 = (intercept, slope), β2, σ1² σ2², loglik):
   * <pre>
   * N = 1:  0.37188743831893156 0.62811256168106844
   *         0.55927713551340219 0.098685429797219365 1.2249240963575216 -0.096149033745869555
   *         0.0066892501108175764 0.01165053404787093   68.8910726112574
   * N = 5:  0.46884673313794045 0.53115326686205955
   *         0.55566208254328586 0.0920586087243217 1.2630415086504183 -0.096348093445557517
   *         0.0020856366439776092 0.00081711127642025033   118.47482418264889
   * N = 25: 0.48972446440476286 0.5102755355952372
   *         0.56498497940435344 0.085023600641716962 1.2470828619608449 -0.083000914781309429
   *         0.0018760852444643398 0.00058280074997987049   122.0383557300114
   * all.loglik (LL of θ0, θ1, …): -29.300185669512917 68.8910726112574 104.69494822925463
   *         112.79895620249347 115.60358201906583 118.47482418264889 ...
   * </pre>
   */
  @Test
  void twoComponentsFollowMixtoolsRegmixEmOnNoData() {
    RegressionFamily family = new RegressionFamily(true, 0, false);
    LocalStatisticsSource data = noData(3);
    double[][] expected = {
        {0.37188743831893156, 0.62811256168106844, 0.55927713551340219, 0.098685429797219365,
            1.2249240963575216, -0.096149033745869555, 0.0066892501108175764, 0.01165053404787093,
            68.8910726112574},
        {0.46884673313794045, 0.53115326686205955, 0.55566208254328586, 0.0920586087243217,
            1.2630415086504183, -0.096348093445557517, 0.0020856366439776092, 0.00081711127642025033,
            118.47482418264889},
        {0.48972446440476286, 0.5102755355952372, 0.56498497940435344, 0.085023600641716962,
            1.2470828619608449, -0.083000914781309429, 0.0018760852444643398, 0.00058280074997987049,
            122.0383557300114}};
    int[] iterations = {1, 5, 25};
    for (int c = 0; c < iterations.length; c++) {
      List<TraceEntry> trace = new ArrayList<>();
      FitResult<RegressionMixture> fit = EmLoop.run(family, NO_START, data, new EmOptions(iterations[c], 0),
          (f, e, delta) -> trace.add(e));
      assertThat(fit.iterations()).isEqualTo(iterations[c]);
      RegressionMixture t = fit.model();
      double[] actual = {t.weights()[0], t.weights()[1], t.coefficients()[0][0], t.coefficients()[0][1],
          t.coefficients()[1][0], t.coefficients()[1][1], t.variances()[0], t.variances()[1], fit.logLikelihood()};
      assertRelative(actual, expected[c]);
      if (iterations[c] == 5) {
        double[] all = {-29.300185669512917, 68.8910726112574, 104.69494822925463, 112.79895620249347,
            115.60358201906583};
        assertRelative(trace.stream().mapToDouble(TraceEntry::logLikelihood).toArray(), all);
      }
    }
  }

  /** Entry by entry within 1e-10 relative (absolute below magnitude 1e-2). */
  private static void assertRelative(double[] actual, double... expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("entry %d", i)
          .isCloseTo(expected[i], within(1e-10 * Math.max(1e-2, Math.abs(expected[i]))));
    }
  }

  /** The log-likelihood of θ over the data, for the tests of this package. */
  static double logLikelihood(RegressionFamily family, RegressionMixture theta, LocalStatisticsSource data) {
    SufficientStats s = data.pass(List.of(family.eStep(theta))).get(0);
    return s.logLikelihood();
  }
}
