package io.sparkem.family.gaussian;

/**
 * Textbook formulas written out plainly, independently of the production code, for 2 × 2 checks:
 * the bivariate normal density by its explicit inverse and determinant, and scikit-learn's four
 * covariance estimates from a full scatter matrix.
 */
final class NaiveGaussian {

  private NaiveGaussian() {}

  /** N(x | μ, Σ) for d = 2, Σ row-major [[a, b], [b, c]]. */
  static double density(double[] x, double[] mu, double[] cov) {
    double a = cov[0];
    double b = cov[1];
    double c = cov[3];
    double det = a * c - b * b;
    double y0 = x[0] - mu[0];
    double y1 = x[1] - mu[1];
    double q = (c * y0 * y0 - 2 * b * y0 * y1 + a * y1 * y1) / det;
    return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
  }

  /**
   * The covariance of type {@code type} from a full matrix {@code cov} (d × d, row-major), with
   * {@code reg} added to the diagonal: full and tied keep it, diag drops the off-diagonals,
   * spherical keeps the mean of the diagonal.
   */
  static double[] structured(CovarianceType type, double[] cov, int d, double reg) {
    double[] out = new double[d * d];
    double meanVar = 0;
    for (int a = 0; a < d; a++) {
      meanVar += cov[a * d + a] / d;
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        out[a * d + b] = switch (type) {
          case FULL, TIED -> cov[a * d + b];
          case DIAG -> a == b ? cov[a * d + a] : 0;
          case SPHERICAL -> a == b ? meanVar : 0;
        };
      }
      out[a * d + a] += reg;
    }
    return out;
  }
}
