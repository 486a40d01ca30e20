package io.sparkem.family.regression;

import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.family.FamilyContractTest;
import java.util.SplittableRandom;

/**
 * The family contract for mixtures of regressions (monotone log-likelihood, weight 2 = the record
 * twice, blocking invariance, one step to the closed form with k = 1, model.json and parameter-map
 * round trips, empty components, fixed weights, mini-batch), on records (x1, x2, y) of two
 * regimes. The closed form of k = 1 is ordinary least squares computed here by modified
 * Gram–Schmidt QR — another algorithm than the family's Cholesky solve of the normal equations —
 * with σ² = RSS/n plus the default {@code --reg-covar} 1e-6 the family adds.
 */
class RegressionFamilyTest extends FamilyContractTest<RegressionMixture> {

  @Override
  protected Family<RegressionMixture> family(FamilyOptions options) {
    return RegressionFamily.of(options, true);
  }

  /** 40%: y = 1 + 2 x1 − x2 + N(0, 0.5²); 60%: y = −2 − x1 + 0.5 x2 + N(0, 0.8²); x ~ N(0, I). */
  @Override
  protected double[][] records(SplittableRandom rng, int n) {
    return twoRegimes(rng, n);
  }

  static double[][] twoRegimes(SplittableRandom rng, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double x1 = rng.nextGaussian();
      double x2 = rng.nextGaussian();
      double y = rng.nextDouble() < 0.4
          ? 1 + 2 * x1 - x2 + 0.5 * rng.nextGaussian()
          : -2 - x1 + 0.5 * x2 + 0.8 * rng.nextGaussian();
      rows[i] = new double[] {x1, x2, y};
    }
    return rows;
  }

  @Override
  protected double[] flatten(RegressionMixture theta) {
    return concat(theta.weights(), flat(theta.coefficients()), theta.variances());
  }

  @Override
  protected double[] weights(RegressionMixture theta) {
    return theta.weights();
  }

  @Override
  protected double[] closedFormMle(double[][] records) {
    int n = records.length;
    int d = records[0].length - 1;
    double[][] design = new double[n][d + 1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      design[i][0] = 1;
      System.arraycopy(records[i], 0, design[i], 1, d);
      y[i] = records[i][d];
    }
    Ols ols = Ols.of(design, y);
    return concat(new double[] {1}, ols.beta(), new double[] {ols.rss() / n + FamilyOptions.DEFAULT_REG_COVAR});
  }

  @Override
  protected RegressionMixture withEmptyComponent(RegressionMixture theta) {
    return new RegressionMixture(new double[] {1, 0}, theta.coefficients(), theta.variances(), true);
  }

  static double[] flat(double[][] rows) {
    return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
  }
}
