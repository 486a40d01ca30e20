package io.sparkem.report;

/**
 * The top two principal components of a sample, to draw d > 2 dimensional data in a plane.
 *
 * <p>Found by orthogonal (subspace) iteration on the sample covariance C = XcᵀXc/n without ever
 * forming C: each step multiplies the two vectors by Xcᵀ(Xc·v), costing O(n·d), so d = 1,000 is
 * as cheap as d = 3; a Gram–Schmidt step keeps them orthonormal. The start is deterministic.
 *
 * @param centre the sample mean (length d), subtracted before projecting
 * @param first  unit vector of the largest variance (length d)
 * @param second unit vector of the second largest, orthogonal to {@code first}
 * @param variances the sample variances along {@code first} and {@code second}
 */
public record Pca(double[] centre, double[] first, double[] second, double[] variances) {

  private static final int MAX_STEPS = 100;

  /** The top two components of {@code rows} ({@code n × d}, d ≥ 2), using the first d values of each row. */
  public static Pca of(double[][] rows, int d) {
    if (d < 2) {
      throw new IllegalArgumentException("PCA to two components needs d >= 2, got " + d);
    }
    int n = rows.length;
    double[] centre = new double[d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        centre[j] += r[j] / n;
      }
    }
    // Start from two fixed, generic vectors (not axis-aligned, so no component is missed by symmetry).
    double[] v1 = new double[d];
    double[] v2 = new double[d];
    for (int j = 0; j < d; j++) {
      v1[j] = 1.0 + 0.1 * j;
      v2[j] = (j % 2 == 0 ? 1.0 : -1.0) * (1.0 + 0.37 * Math.sin(j + 1));
    }
    orthonormalise(v1, v2);
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] w1 = times(rows, centre, v1);
      double[] w2 = times(rows, centre, v2);
      // Residual of the subspace: ‖C·V − V·H‖ with H = Vᵀ C V; zero once V spans two eigenvectors
      // (also when the data leave nothing for the second, whatever v2 is then).
      double h11 = dot(v1, w1);
      double h12 = 0.5 * (dot(v1, w2) + dot(v2, w1));
      double h22 = dot(v2, w2);
      double residual = 0;
      for (int j = 0; j < d; j++) {
        double r1 = w1[j] - v1[j] * h11 - v2[j] * h12;
        double r2 = w2[j] - v1[j] * h12 - v2[j] * h22;
        residual += r1 * r1 + r2 * r2;
      }
      if (Math.sqrt(residual) <= 1e-12 * Math.max(Math.abs(h11) + Math.abs(h22), 1e-300)) {
        break;
      }
      orthonormalise(w1, w2);
      v1 = w1;
      v2 = w2;
    }
    // Rayleigh–Ritz: the best two directions within span(v1, v2) are the eigenvectors of the 2×2
    // H = Vᵀ C V (closed form, as for the ellipses), and its eigenvalues the variances along them.
    double[] w1 = times(rows, centre, v1);
    double[] w2 = times(rows, centre, v2);
    double h11 = dot(v1, w1);
    double h12 = 0.5 * (dot(v1, w2) + dot(v2, w1));
    double h22 = dot(v2, w2);
    double phi = 0.5 * Math.atan2(2 * h12, h11 - h22);
    double c = Math.cos(phi);
    double s = Math.sin(phi);
    double[] r1 = new double[d];
    double[] r2 = new double[d];
    for (int j = 0; j < d; j++) {
      r1[j] = c * v1[j] + s * v2[j];
      r2[j] = -s * v1[j] + c * v2[j];
    }
    double mid = 0.5 * (h11 + h22);
    double radius = Math.hypot(0.5 * (h11 - h22), h12);
    double[] lambda = {mid + radius, Math.max(0, mid - radius)};
    v1 = r1;
    v2 = r2;
    // Fix the signs so that the largest entry of each vector is positive: reproducible pictures.
    sign(v1);
    sign(v2);
    return new Pca(centre, v1, v2, lambda);
  }

  /** (v₁·(x − centre), v₂·(x − centre)) for the first d values of {@code x}. */
  public double[] project(double[] x) {
    double a = 0;
    double b = 0;
    for (int j = 0; j < centre.length; j++) {
      double c = x[j] - centre[j];
      a += first[j] * c;
      b += second[j] * c;
    }
    return new double[] {a, b};
  }

  /** Vᵀ Σ V with V = [first second]: the 2×2 covariance of the projection of N(μ, Σ). */
  public double[][] projectCovariance(double[][] sigma) {
    double[] s1 = new double[centre.length];
    double[] s2 = new double[centre.length];
    for (int i = 0; i < centre.length; i++) {
      for (int j = 0; j < centre.length; j++) {
        s1[i] += sigma[i][j] * first[j];
        s2[i] += sigma[i][j] * second[j];
      }
    }
    double off = 0.5 * (dot(first, s2) + dot(second, s1));
    return new double[][] {{dot(first, s1), off}, {off, dot(second, s2)}};
  }

  /** Share of the sample's total variance the two components explain, in [0, 1]. */
  public double explained(double[][] rows) {
    double total = 0;
    for (double[] r : rows) {
      for (int j = 0; j < centre.length; j++) {
        double c = r[j] - centre[j];
        total += c * c;
      }
    }
    total /= rows.length;
    return total > 0 ? Math.min(1, (variances[0] + variances[1]) / total) : 1;
  }

  /** C·v = Xcᵀ(Xc·v)/n, two passes over the rows. */
  private static double[] times(double[][] rows, double[] centre, double[] v) {
    int d = v.length;
    double[] out = new double[d];
    for (double[] r : rows) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (r[j] - centre[j]) * v[j];
      }
      for (int j = 0; j < d; j++) {
        out[j] += s * (r[j] - centre[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      out[j] /= rows.length;
    }
    return out;
  }

  /** Gram–Schmidt on (a, b), in place; a zero vector is replaced by an axis orthogonal to the other. */
  private static void orthonormalise(double[] a, double[] b) {
    if (!normalise(a)) {
      java.util.Arrays.fill(a, 0);
      a[0] = 1;
    }
    double before = Math.sqrt(dot(b, b));
    double p = dot(a, b);
    for (int j = 0; j < b.length; j++) {
      b[j] -= p * a[j];
    }
    // What is left of b after removing a may be rounding noise: then b carries no direction.
    if (Math.sqrt(dot(b, b)) <= 1e-10 * before || !normalise(b)) {
      // The data span one direction (or none): any unit vector orthogonal to a will do.
      java.util.Arrays.fill(b, 0);
      int axis = Math.abs(a[0]) < 0.9 ? 0 : 1;
      b[axis] = 1;
      double q = dot(a, b);
      for (int j = 0; j < b.length; j++) {
        b[j] -= q * a[j];
      }
      normalise(b);
    }
  }

  private static boolean normalise(double[] v) {
    double norm = Math.sqrt(dot(v, v));
    if (!(norm > 1e-300)) {
      return false;
    }
    for (int j = 0; j < v.length; j++) {
      v[j] /= norm;
    }
    return true;
  }

  private static void sign(double[] v) {
    int big = 0;
    for (int j = 1; j < v.length; j++) {
      if (Math.abs(v[j]) > Math.abs(v[big])) {
        big = j;
      }
    }
    if (v[big] < 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] = -v[j];
      }
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
