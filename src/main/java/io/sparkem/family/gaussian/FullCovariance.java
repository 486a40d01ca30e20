package io.sparkem.family.gaussian;

import io.sparkem.math.Cholesky;
import java.util.List;
import java.util.Optional;

/**
 * Full covariance: Σ_j a d × d SPD matrix per component. The second moment is kept packed
 * (lower triangle, row by row: d(d+1)/2 values).
 */
public final class FullCovariance implements CovarianceShape {

  private static final long serialVersionUID = 1L;

  @Override
  public CovarianceType type() {
    return CovarianceType.FULL;
  }

  @Override
  public int freeParameters(int k, int d) {
    return k * d * (d + 1) / 2;
  }

  @Override
  public int momentWidth(int d) {
    return d * (d + 1) / 2;
  }

  @Override
  public void addMoment(double[] moment, double r, double[] y, int d) {
    int at = 0;
    for (int a = 0; a < d; a++) {
      double ry = r * y[a];
      for (int b = 0; b <= a; b++) {
        moment[at++] += ry * y[b];
      }
    }
  }

  @Override
  public void addConditional(double[] moment, double r, double[] cond, int[] missing, int d) {
    int m = missing.length;
    for (int p = 0; p < m; p++) {
      int a = missing[p];
      for (int q = 0; q <= p; q++) {
        moment[a * (a + 1) / 2 + missing[q]] += r * cond[p * m + q]; // packed lower triangle
      }
    }
  }

  @Override
  public double[][] estimate(double[] n, double[][] delta, double[][] moment, double[][] previous,
      double reg, int d, List<String> warnings) {
    double[][] cov = new double[n.length][];
    for (int j = 0; j < n.length; j++) {
      cov[j] = n[j] > 0 ? centred(moment[j], n[j], delta[j], reg, d) : previous[j];
    }
    return cov;
  }

  /** S₂/n − δδᵀ + reg·I as a full row-major matrix (symmetric by construction). */
  static double[] centred(double[] packed, double n, double[] delta, double reg, int d) {
    double[] c = new double[d * d];
    int at = 0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double v = packed[at++] / n - delta[a] * delta[b];
        c[a * d + b] = v;
        c[b * d + a] = v;
      }
      c[a * d + a] += reg;
    }
    return c;
  }

  @Override
  public int coordinates(int k, int d) {
    return k * LogCholesky.size(d);
  }

  /** Log-Cholesky coordinates of each Σ_j. */
  @Override
  public void encode(double[][] cov, int d, double[] out, int off) {
    for (int j = 0; j < cov.length; j++) {
      LogCholesky.encode(cov[j], d, out, off + j * LogCholesky.size(d));
    }
  }

  @Override
  public double[][] decode(double[] u, int off, int k, int d) {
    double[][] cov = new double[k][];
    for (int j = 0; j < k; j++) {
      cov[j] = LogCholesky.decode(u, off + j * LogCholesky.size(d), d);
    }
    return cov;
  }

  @Override
  public Whitener whitener(double[] cov, int d) {
    return new CholeskyWhitener(factor(cov, d), d);
  }

  /**
   * The Cholesky factor; a matrix that is not positive definite to working precision (a collapsed
   * component with reg_covar = 0) is an error the user can fix.
   */
  static Cholesky factor(double[] cov, int d) {
    Optional<Cholesky> chol = Cholesky.of(cov, d);
    return chol.orElseThrow(() -> new SingularCovarianceException(
        "a covariance matrix is not positive definite (a component collapsed onto too few "
            + "distinct points); increase --reg-covar or lower --k"));
  }

  /** Full covariance is exactly what the dense block kernel computes. */
  @Override
  public boolean denseBlockKernel() {
    return true;
  }

  @Override
  public double[] toFull(double[] cov, int d) {
    return cov.clone();
  }

  @Override
  public double[] fromFull(double[] full, int d) {
    Structure.requireSymmetric(full, d, type());
    return full.clone();
  }

  /** yᵀΣ⁻¹y = ‖L⁻¹y‖² by one forward substitution. */
  record CholeskyWhitener(double[] lower, int d, double logDeterminant) implements Whitener {

    CholeskyWhitener(Cholesky chol, int d) {
      this(chol.lower(), d, chol.logDeterminant());
    }

    @Override
    public double squaredDistance(double[] y) {
      Cholesky.forwardSolveInPlace(lower, d, y, 0);
      double q = 0;
      for (int a = 0; a < d; a++) {
        q += y[a] * y[a];
      }
      return q;
    }
  }
}
