package io.sparkem.family.gaussian;

import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.family.FamilyContractTest;
import java.util.SplittableRandom;

/**
 * The family contract for one covariance type; the closed-form single-component MLE is the
 * sample mean and the type's version of the (biased) sample covariance plus reg_covar·I.
 */
abstract class GaussianContractTest extends FamilyContractTest<GaussianMixture> {

  static final double REG = FamilyOptions.DEFAULT_REG_COVAR;

  /** The covariance type under test. */
  abstract CovarianceType type();

  @Override
  protected Family<GaussianMixture> family(FamilyOptions options) {
    return GaussianFamily.of(type(), options);
  }

  /** 35% from N((0,0), [[1, .5], [.5, 1.5]]), 65% from N((5,3), [[.8, −.3], [−.3, .6]]). */
  @Override
  protected double[][] records(SplittableRandom rng, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean first = rng.nextDouble() < 0.35;
      double[] mu = first ? new double[] {0, 0} : new double[] {5, 3};
      double[] cov = first ? new double[] {1, 0.5, 1.5} : new double[] {0.8, -0.3, 0.6};
      // 2 × 2 Cholesky: l11 = √a, l21 = b/l11, l22 = √(c − l21²)
      double l11 = Math.sqrt(cov[0]);
      double l21 = cov[1] / l11;
      double l22 = Math.sqrt(cov[2] - l21 * l21);
      double z1 = rng.nextGaussian();
      double z2 = rng.nextGaussian();
      rows[i] = new double[] {mu[0] + l11 * z1, mu[1] + l21 * z1 + l22 * z2};
    }
    return rows;
  }

  @Override
  protected double[] flatten(GaussianMixture theta) {
    double[] out = concat(theta.weights(), concat(theta.means()));
    for (int j = 0; j < theta.k(); j++) {
      out = concat(out, theta.fullCovariance(j));
    }
    return out;
  }

  @Override
  protected double[] weights(GaussianMixture theta) {
    return theta.weights();
  }

  @Override
  protected double[] closedFormMle(double[][] records) {
    int n = records.length;
    int d = records[0].length;
    double[] mean = new double[d];
    for (double[] r : records) {
      for (int a = 0; a < d; a++) {
        mean[a] += r[a] / n;
      }
    }
    double[] cov = new double[d * d];
    for (double[] r : records) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          cov[a * d + b] += (r[a] - mean[a]) * (r[b] - mean[b]) / n;
        }
      }
    }
    return concat(new double[] {1}, mean, NaiveGaussian.structured(type(), cov, d, REG));
  }

  @Override
  protected GaussianMixture withEmptyComponent(GaussianMixture theta) {
    return new GaussianMixture(theta.shape(), new double[] {1, 0}, theta.means(), theta.covariances());
  }
}
