package io.sparkem.math;

import java.util.Optional;

/**
 * Cholesky factor A = L·Lᵀ of a symmetric positive definite matrix, with the log-determinant and
 * triangular solves the Gaussian E-step needs. Never forms an inverse.
 *
 * <p>Shapes: a {@code d × d} matrix is a row-major {@code double[d*d]}; only the lower triangle of
 * the input is read.
 */
public final class Cholesky {

  private final int d;
  /** L, row-major d × d, zeros above the diagonal. */
  private final double[] lower;

  private Cholesky(int d, double[] lower) {
    this.d = d;
    this.lower = lower;
  }

  /**
   * Factors {@code a} (not modified). Empty when a pivot is not positive: the matrix is not
   * positive definite to working precision.
   */
  public static Optional<Cholesky> of(double[] a, int d) {
    double[] l = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * d + j];
        for (int t = 0; t < j; t++) {
          s -= l[i * d + t] * l[j * d + t];
        }
        if (i == j) {
          if (!(s > 0) || Double.isInfinite(s)) {
            return Optional.empty();
          }
          l[i * d + i] = Math.sqrt(s);
        } else {
          l[i * d + j] = s / l[j * d + j];
        }
      }
    }
    return Optional.of(new Cholesky(d, l));
  }

  public int dimension() {
    return d;
  }

  /** A copy of L, row-major d × d. */
  public double[] lower() {
    return lower.clone();
  }

  /** log det A = 2 Σ log L_ii. */
  public double logDeterminant() {
    double s = 0;
    for (int i = 0; i < d; i++) {
      s += Math.log(lower[i * d + i]);
    }
    return 2 * s;
  }

  /** Solves L·z = y in place: on return {@code y[off..off+d)} holds z. Then ‖z‖² = yᵀA⁻¹y. */
  public void forwardSolveInPlace(double[] y, int off) {
    forwardSolveInPlace(lower, d, y, off);
  }

  /** As {@link #forwardSolveInPlace(double[], int)} for a given row-major lower factor. */
  public static void forwardSolveInPlace(double[] l, int d, double[] y, int off) {
    for (int i = 0; i < d; i++) {
      double s = y[off + i];
      int row = i * d;
      for (int t = 0; t < i; t++) {
        s -= l[row + t] * y[off + t];
      }
      y[off + i] = s / l[row + i];
    }
  }
}
