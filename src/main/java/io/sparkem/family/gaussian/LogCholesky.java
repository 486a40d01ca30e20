package io.sparkem.family.gaussian;

/**
 * Unconstrained coordinates of an SPD matrix Σ = L·Lᵀ (Pinheiro &amp; Bates 1996, "log-Cholesky"):
 * the lower triangle of L packed row by row (d(d+1)/2 values), with log L_aa in place of each
 * diagonal entry. Every real vector gives a positive diagonal e^u, hence an SPD matrix; the map
 * is one-to-one because the Cholesky factor with positive diagonal is unique.
 */
final class LogCholesky {

  private LogCholesky() {}

  /** Number of coordinates of a d × d matrix. */
  static int size(int d) {
    return d * (d + 1) / 2;
  }

  /** Writes the coordinates of the row-major d × d SPD matrix {@code cov} to {@code out[off..)}. */
  static void encode(double[] cov, int d, double[] out, int off) {
    double[] l = FullCovariance.factor(cov, d).lower();
    int at = off;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        out[at++] = l[a * d + b];
      }
      out[at++] = Math.log(l[a * d + a]);
    }
  }

  /** The row-major d × d matrix L·Lᵀ of the coordinates {@code u[off..off+size(d))}. */
  static double[] decode(double[] u, int off, int d) {
    double[] l = new double[d * d];
    int at = off;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        l[a * d + b] = u[at++];
      }
      l[a * d + a] = Math.exp(u[at++]);
    }
    double[] cov = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double s = 0;
        for (int t = 0; t <= b; t++) {
          s += l[a * d + t] * l[b * d + t];
        }
        cov[a * d + b] = s;
        cov[b * d + a] = s;
      }
    }
    return cov;
  }
}
