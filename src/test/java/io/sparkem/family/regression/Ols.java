package io.sparkem.family.regression;

/**
 * Ordinary least squares by modified Gram–Schmidt QR of the design matrix (Björck 1996, §2.4.4):
 * X = QR column by column, β from R β = Qᵀy by back substitution, RSS = ‖y − Xβ‖² from the
 * residuals themselves. A reference for the tests, independent of the family's Cholesky solve of
 * the normal equations (it never forms XᵀX).
 *
 * @param beta the coefficients, one per column of X
 * @param rss  Σ_i (y_i − x_iᵀβ)²
 */
record Ols(double[] beta, double rss) {

  /** The fit of y (length n) on the n × p design {@code x} (full column rank). */
  static Ols of(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length;
    double[][] q = new double[p][n];
    for (int a = 0; a < p; a++) {
      for (int i = 0; i < n; i++) {
        q[a][i] = x[i][a];
      }
    }
    double[][] r = new double[p][p];
    double[] qty = y.clone();
    double[] c = new double[p];
    for (int a = 0; a < p; a++) {
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[a][i] * q[a][i];
      }
      r[a][a] = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[a][i] /= r[a][a];
      }
      for (int b = a + 1; b < p; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += q[a][i] * q[b][i];
        }
        r[a][b] = s;
        for (int i = 0; i < n; i++) {
          q[b][i] -= s * q[a][i];
        }
      }
      // y is orthogonalised like one more column, which keeps MGS's stability for Qᵀy.
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += q[a][i] * qty[i];
      }
      c[a] = s;
      for (int i = 0; i < n; i++) {
        qty[i] -= s * q[a][i];
      }
    }
    double[] beta = new double[p];
    for (int a = p - 1; a >= 0; a--) {
      double s = c[a];
      for (int b = a + 1; b < p; b++) {
        s -= r[a][b] * beta[b];
      }
      beta[a] = s / r[a][a];
    }
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double e = y[i];
      for (int a = 0; a < p; a++) {
        e -= x[i][a] * beta[a];
      }
      rss += e * e;
    }
    return new Ols(beta, rss);
  }
}
