package io.sparkem.family.gaussian;

import io.sparkem.core.UserError;

/**
 * Checks that a full d × d matrix read from model.json has the structure its covariance type
 * claims. Entries count as equal (or zero) within {@value #RELATIVE} of the scale √(|c_aa|·|c_bb|),
 * so a matrix printed with full precision by another tool passes; anything else is a user error.
 */
final class Structure {

  static final double RELATIVE = 1e-9;

  private Structure() {}

  /** c_ab = c_ba for all a, b. */
  static void requireSymmetric(double[] full, int d, CovarianceType type) {
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        if (!close(full[a * d + b], full[b * d + a], scale(full, d, a, b))) {
          throw new UserError("a " + type.cliName() + " covariance must be symmetric, but entry ["
              + a + "][" + b + "] is " + full[a * d + b] + " and [" + b + "][" + a + "] is "
              + full[b * d + a]);
        }
      }
    }
  }

  /** c_ab = 0 for all a ≠ b. */
  static void requireDiagonal(double[] full, int d, CovarianceType type) {
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        if (a != b && !close(full[a * d + b], 0, scale(full, d, a, b))) {
          throw new UserError("a " + type.cliName() + " covariance must be diagonal, but entry ["
              + a + "][" + b + "] is " + full[a * d + b]
              + "; write zeros off the diagonal, or fit with --covariance full");
        }
      }
    }
  }

  /** Two matrices of the same length are equal entry by entry. */
  static boolean sameMatrix(double[] x, double[] y, int d) {
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        if (!close(x[a * d + b], y[a * d + b], scale(x, d, a, b))) {
          return false;
        }
      }
    }
    return true;
  }

  static boolean close(double x, double y, double scale) {
    return Math.abs(x - y) <= RELATIVE * scale;
  }

  private static double scale(double[] full, int d, int a, int b) {
    return Math.sqrt(Math.abs(full[a * d + a]) * Math.abs(full[b * d + b]));
  }
}
