package io.sparkem.family.gaussian;

import java.util.List;

/**
 * Spherical covariance: Σ_j = σ²_j I, stored as the one variance. O(d) per record and component.
 *
 * <p>M-step (scikit-learn's {@code _estimate_gaussian_covariances_spherical}): the mean of the
 * diagonal variances, σ²_j = (1/d) Σ_a (S₂_ja/N_j − δ_ja²) + reg = (Σ_i r_ij ‖x_i − c_j‖²/N_j −
 * ‖δ_j‖²)/d + reg, so the statistic is one number per component. Free parameters: k.
 */
public final class SphericalCovariance implements CovarianceShape {

  private static final long serialVersionUID = 1L;

  @Override
  public CovarianceType type() {
    return CovarianceType.SPHERICAL;
  }

  @Override
  public int freeParameters(int k, int d) {
    return k;
  }

  @Override
  public int momentWidth(int d) {
    return 1;
  }

  @Override
  public void addMoment(double[] moment, double r, double[] y, int d) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      s += y[a] * y[a];
    }
    moment[0] += r * s;
  }

  @Override
  public void addConditional(double[] moment, double r, double[] cond, int[] missing, int d) {
    int m = missing.length;
    double trace = 0;
    for (int p = 0; p < m; p++) {
      trace += cond[p * m + p];
    }
    moment[0] += r * trace;
  }

  @Override
  public double[][] estimate(double[] n, double[][] delta, double[][] moment, double[][] previous,
      double reg, int d, List<String> warnings) {
    double[][] cov = new double[n.length][];
    for (int j = 0; j < n.length; j++) {
      if (n[j] <= 0) {
        cov[j] = previous[j];
        continue;
      }
      double moved = 0;
      for (int a = 0; a < d; a++) {
        moved += delta[j][a] * delta[j][a];
      }
      cov[j] = new double[] {(moment[j][0] / n[j] - moved) / d + reg};
    }
    return cov;
  }

  @Override
  public int coordinates(int k, int d) {
    return k;
  }

  /** log σ²_j. */
  @Override
  public void encode(double[][] cov, int d, double[] out, int off) {
    for (int j = 0; j < cov.length; j++) {
      out[off + j] = Math.log(cov[j][0]);
    }
  }

  @Override
  public double[][] decode(double[] u, int off, int k, int d) {
    double[][] cov = new double[k][];
    for (int j = 0; j < k; j++) {
      cov[j] = new double[] {Math.exp(u[off + j])};
    }
    return cov;
  }

  @Override
  public Whitener whitener(double[] cov, int d) {
    DiagonalCovariance.DiagonalWhitener.requirePositive(cov[0]);
    return new SphericalWhitener(1 / cov[0], d * Math.log(cov[0]), d);
  }

  @Override
  public double[] toFull(double[] cov, int d) {
    double[] full = new double[d * d];
    for (int a = 0; a < d; a++) {
      full[a * d + a] = cov[0];
    }
    return full;
  }

  /** The diagonal must be constant; its first entry is kept (so a written model reads back exactly). */
  @Override
  public double[] fromFull(double[] full, int d) {
    Structure.requireDiagonal(full, d, type());
    double v = full[0];
    for (int a = 1; a < d; a++) {
      if (!Structure.close(full[a * d + a], v, Math.abs(v))) {
        throw new io.sparkem.core.UserError("a spherical covariance must have equal diagonal "
            + "entries, but [0][0] is " + v + " and [" + a + "][" + a + "] is " + full[a * d + a]
            + "; fit with --covariance diag for unequal variances");
      }
    }
    return new double[] {v};
  }

  /** σ² plus the mean of {@code add}: the spherical share of a diagonal increment. */
  @Override
  public double[] addToDiagonal(double[] cov, double[] add, int d) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      s += add[a];
    }
    return new double[] {cov[0] + s / d};
  }

  @Override
  public boolean estimable(int rows, int d) {
    return rows >= 2;
  }

  /** yᵀΣ⁻¹y = ‖y‖²/σ², log det Σ = d·log σ². */
  record SphericalWhitener(double inverse, double logDeterminant, int d) implements Whitener {
    @Override
    public double squaredDistance(double[] y) {
      double q = 0;
      for (int a = 0; a < d; a++) {
        q += y[a] * y[a];
      }
      return q * inverse;
    }
  }
}
