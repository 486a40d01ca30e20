package io.sparkem.family.gaussian;

import java.util.List;

/**
 * Diagonal covariance: Σ_j = diag(σ²_j1, …, σ²_jd), stored as the d variances. Everything is O(d)
 * per record and component — no d × d storage — so d in the thousands is fine.
 *
 * <p>M-step (scikit-learn's {@code _estimate_gaussian_covariances_diag}):
 * σ²_ja = Σ_i r_ij (x_ia − μ_ja)² / N_j + reg = S₂_ja/N_j − δ_ja² + reg, from statistics centred on
 * the previous mean (δ = S₁/N_j is the move of the mean). Free parameters: k·d.
 */
public final class DiagonalCovariance implements CovarianceShape {

  private static final long serialVersionUID = 1L;

  @Override
  public CovarianceType type() {
    return CovarianceType.DIAG;
  }

  @Override
  public int freeParameters(int k, int d) {
    return k * d;
  }

  @Override
  public int momentWidth(int d) {
    return d;
  }

  @Override
  public void addMoment(double[] moment, double r, double[] y, int d) {
    for (int a = 0; a < d; a++) {
      moment[a] += r * y[a] * y[a];
    }
  }

  @Override
  public void addConditional(double[] moment, double r, double[] cond, int[] missing, int d) {
    int m = missing.length;
    for (int p = 0; p < m; p++) {
      moment[missing[p]] += r * cond[p * m + p];
    }
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
      cov[j] = new double[d];
      for (int a = 0; a < d; a++) {
        cov[j][a] = moment[j][a] / n[j] - delta[j][a] * delta[j][a] + reg;
      }
    }
    return cov;
  }

  @Override
  public int coordinates(int k, int d) {
    return k * d;
  }

  /** log σ²_ja. */
  @Override
  public void encode(double[][] cov, int d, double[] out, int off) {
    for (int j = 0; j < cov.length; j++) {
      for (int a = 0; a < d; a++) {
        out[off + j * d + a] = Math.log(cov[j][a]);
      }
    }
  }

  @Override
  public double[][] decode(double[] u, int off, int k, int d) {
    double[][] cov = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        cov[j][a] = Math.exp(u[off + j * d + a]);
      }
    }
    return cov;
  }

  @Override
  public Whitener whitener(double[] cov, int d) {
    return DiagonalWhitener.of(cov, d);
  }

  @Override
  public double[] toFull(double[] cov, int d) {
    double[] full = new double[d * d];
    for (int a = 0; a < d; a++) {
      full[a * d + a] = cov[a];
    }
    return full;
  }

  @Override
  public double[] fromFull(double[] full, int d) {
    Structure.requireDiagonal(full, d, type());
    double[] cov = new double[d];
    for (int a = 0; a < d; a++) {
      cov[a] = full[a * d + a];
    }
    return cov;
  }

  @Override
  public double[] addToDiagonal(double[] cov, double[] add, int d) {
    double[] out = cov.clone();
    for (int a = 0; a < d; a++) {
      out[a] += add[a];
    }
    return out;
  }

  @Override
  public boolean estimable(int rows, int d) {
    return rows >= 2;
  }

  /**
   * yᵀΣ⁻¹y = Σ_a y_a² / σ²_a and log det Σ = Σ_a log σ²_a, in O(d).
   *
   * @param inverse 1/σ²_a, length d
   */
  record DiagonalWhitener(double[] inverse, double logDeterminant) implements Whitener {

    /** The whitener of diag(variance); a variance that is not positive is the user's to fix. */
    static DiagonalWhitener of(double[] variance, int d) {
      double[] inv = new double[d];
      double logDet = 0;
      for (int a = 0; a < d; a++) {
        double v = variance[a];
        requirePositive(v);
        inv[a] = 1 / v;
        logDet += Math.log(v);
      }
      return new DiagonalWhitener(inv, logDet);
    }

    /** A variance that is not positive (collapsed component, reg_covar = 0) is the user's to fix. */
    static void requirePositive(double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new SingularCovarianceException("a variance is " + v + " (a component collapsed "
            + "onto points with a constant feature); increase --reg-covar or lower --k");
      }
    }

    @Override
    public double squaredDistance(double[] y) {
      double q = 0;
      for (int a = 0; a < inverse.length; a++) {
        q += y[a] * y[a] * inverse[a];
      }
      return q;
    }
  }
}
