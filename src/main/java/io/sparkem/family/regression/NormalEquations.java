package io.sparkem.family.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Weighted least squares of one component from its {@link RegressionStats}: the normal equations
 * G δ = h in the residual frame of the reference b, so that β' = b + δ minimises Σ_i w_i r_ij
 * (y_i − x̃_iᵀβ)², with residual sum of squares RSS = q − 2δᵀh + δᵀGδ.
 *
 * <p>G is scaled to unit diagonal (S G S, S = diag(G)^−½) before its Cholesky factorisation, so that
 * covariates of any scale are treated alike and pivot a of the scaled factor is 1 − R²_a, R²_a the
 * (uncentred) coefficient of determination of column a on the columns before it. A pivot below
 * {@value #COLLINEAR} means column a is a linear combination of earlier ones to working precision:
 * the coefficients are not determined by the records. For one component that happens when it holds
 * too few records, or records on a subspace; it is then solved with a ridge of {@value #RIDGE} on the
 * scaled diagonal, which leaves the undetermined directions of β at the reference (δ = 0 there) and
 * reports it. Applied to the Gram matrix of all records ({@link #dependence}) it names the columns of
 * the data that are collinear. Never forms an inverse.
 */
final class NormalEquations {

  /** The smallest pivot of the unit-diagonal factorisation, 1 − R², taken as full rank. */
  static final double COLLINEAR = 1e-10;
  /** The ridge added to the unit diagonal when a component's Gram matrix is rank-deficient. */
  static final double RIDGE = 1e-8;

  private NormalEquations() {}

  /**
   * One component's least-squares fit.
   *
   * @param coefficients β' = b + δ, length p
   * @param rss          Σ_i w_i r_ij (y_i − x̃_iᵀβ')², ≥ 0
   * @param ridged       whether G was rank-deficient and the ridge was used
   * @param magnitude    q + 2|δᵀh| + δᵀGδ, the size of the terms RSS is the sum of
   */
  record Fit(double[] coefficients, double rss, boolean ridged, double magnitude) {

    /**
     * Whether the fit is exact to working precision: an RSS within the rounding of its own terms,
     * RSS ≤ {@value NormalEquations#EXACT} × magnitude.
     */
    boolean exact() {
      return rss <= EXACT * magnitude;
    }
  }

  /** The RSS, relative to its terms, below which a fit counts as exact: rounding, not noise. */
  static final double EXACT = 1e-13;

  /**
   * Solves the normal equations of the packed statistics {@code m} ((p+1)(p+2)/2 values, see
   * {@link RegressionStats}) taken around {@code reference} (length p).
   */
  static Fit solve(double[] m, int p, double[] reference) {
    double[] g = gram(m, p);
    double[] h = new double[p];
    for (int a = 0; a < p; a++) {
      h[a] = m[RegressionStats.at(p, a)];
    }
    double q = m[RegressionStats.at(p, p)];
    double[] scale = unitScale(g, p);
    double[] gs = scaled(g, scale, p);
    double[] lower = factor(gs, p, COLLINEAR);
    boolean ridged = lower == null;
    if (ridged) {
      for (int a = 0; a < p; a++) {
        gs[a * p + a] += RIDGE;
      }
      lower = factor(gs, p, 0);
    }
    double[] z = new double[p];
    for (int a = 0; a < p; a++) {
      z[a] = scale[a] * h[a];
    }
    solveInPlace(lower, p, z);
    double[] beta = new double[p];
    double[] delta = new double[p];
    for (int a = 0; a < p; a++) {
      delta[a] = scale[a] * z[a];
      beta[a] = reference[a] + delta[a];
    }
    double dh = 0;
    double dgd = 0;
    for (int a = 0; a < p; a++) {
      double gd = 0;
      for (int b = 0; b < p; b++) {
        gd += g[a * p + b] * delta[b];
      }
      dh += delta[a] * h[a];
      dgd += delta[a] * gd;
    }
    double rss = q - 2 * dh + dgd;
    return new Fit(beta, Math.max(0, rss), ridged, q + 2 * Math.abs(dh) + dgd);
  }

  /**
   * Where the columns of a Gram matrix are collinear: the first column (in order) that is a linear
   * combination of earlier ones, and those it combines; empty when G has full rank.
   *
   * @param g p × p row-major
   */
  static Optional<Dependence> dependence(double[] g, int p) {
    for (int a = 0; a < p; a++) {
      if (!(g[a * p + a] > 0)) {
        return Optional.of(new Dependence(a, new int[0], 0));
      }
    }
    double[] gs = scaled(g, unitScale(g, p), p);
    int a = firstSmallPivot(gs, p, COLLINEAR);
    if (a < 0) {
      return Optional.empty();
    }
    // Column a on columns 0..a−1 (whose block has full rank): solve G_<a c = G_<a,a, scaled.
    double[] c = new double[a];
    for (int t = 0; t < a; t++) {
      c[t] = gs[t * p + a];
    }
    solveInPlace(factor(gs, a, p, 0), a, c);
    double largest = 0;
    double explained = 0;
    for (int t = 0; t < a; t++) {
      largest = Math.max(largest, Math.abs(c[t]));
      explained += c[t] * gs[t * p + a];
    }
    List<Integer> on = new ArrayList<>();
    for (int t = 0; t < a; t++) {
      if (Math.abs(c[t]) > 1e-6 * largest) {
        on.add(t);
      }
    }
    return Optional.of(new Dependence(a, on.stream().mapToInt(Integer::intValue).toArray(),
        Math.max(0, 1 - explained)));
  }

  /**
   * Column {@code column} of x̃ is a linear combination of the columns {@code of} (empty: it is 0
   * on every record), up to 1 − R² = {@code residual}.
   */
  record Dependence(int column, int[] of, double residual) {}

  /** The Gram block (rows and columns 0..p−1) of packed statistics, p × p row-major. */
  static double[] gram(double[] m, int p) {
    double[] g = new double[p * p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b <= a; b++) {
        g[a * p + b] = g[b * p + a] = m[RegressionStats.at(a, b)];
      }
    }
    return g;
  }

  /** 1/√G_aa, or 0 for a column that is 0 on every record (it then decouples: δ_a = 0). */
  private static double[] unitScale(double[] g, int p) {
    double[] s = new double[p];
    for (int a = 0; a < p; a++) {
      double v = g[a * p + a];
      s[a] = v > 0 ? 1 / Math.sqrt(v) : 0;
    }
    return s;
  }

  /** S G S, with 1 on the diagonal of a zero column. */
  private static double[] scaled(double[] g, double[] s, int p) {
    double[] out = new double[p * p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        out[a * p + b] = s[a] * g[a * p + b] * s[b];
      }
      if (s[a] == 0) {
        out[a * p + a] = 1;
      }
    }
    return out;
  }

  private static double[] factor(double[] a, int p, double minPivot) {
    return factor(a, p, p, minPivot);
  }

  /**
   * The Cholesky factor (n × n row-major) of the leading n × n block of the p × p matrix {@code a},
   * or null when a pivot is not above {@code minPivot} (relative to the unit diagonal).
   */
  private static double[] factor(double[] a, int n, int p, double minPivot) {
    double[] l = new double[n * n];
    return pivots(a, l, n, p, minPivot) < 0 ? l : null;
  }

  /** The first column whose pivot is not above {@code minPivot}, or −1 when there is none. */
  private static int firstSmallPivot(double[] a, int p, double minPivot) {
    return pivots(a, new double[p * p], p, p, minPivot);
  }

  /**
   * Factors the leading n × n block of {@code a} (p × p) into {@code l} (n × n), stopping at the
   * first pivot not above {@code minPivot}: its index, or −1 when the factor is complete.
   */
  private static int pivots(double[] a, double[] l, int n, int p, double minPivot) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * p + j];
        for (int t = 0; t < j; t++) {
          s -= l[i * n + t] * l[j * n + t];
        }
        if (i == j) {
          if (!(s > minPivot)) {
            return i;
          }
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    return -1;
  }

  /** Solves L Lᵀ z = v in place (L n × n row-major). */
  private static void solveInPlace(double[] l, int n, double[] v) {
    for (int i = 0; i < n; i++) {
      double s = v[i];
      for (int t = 0; t < i; t++) {
        s -= l[i * n + t] * v[t];
      }
      v[i] = s / l[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = v[i];
      for (int t = i + 1; t < n; t++) {
        s -= l[t * n + i] * v[t];
      }
      v[i] = s / l[i * n + i];
    }
  }
}
