package io.sparkem.report;

/**
 * An ellipse as SVG draws it: centre, semi-axes and the rotation of the first semi-axis from the
 * x axis, in degrees, in the same coordinates as the centre.
 *
 * @param cx     centre x
 * @param cy     centre y
 * @param rx     semi-axis along the rotated x direction (the major one)
 * @param ry     semi-axis along the rotated y direction (the minor one)
 * @param degrees rotation of the major axis from +x towards +y, in (-90, 90]
 */
public record Ellipse(double cx, double cy, double rx, double ry, double degrees) {

  /**
   * The contour at {@code sigmas} standard deviations of a 2-D Gaussian with {@code mean} (length 2)
   * and symmetric {@code covariance} (2×2): semi-axes {@code sigmas·√λ} along the eigenvectors.
   *
   * <p>For [[a, b], [b, c]] the eigenvalues are (a+c)/2 ± √(((a−c)/2)² + b²) and the major axis
   * makes the angle ½·atan2(2b, a−c) with the x axis (closed forms of the 2×2 symmetric
   * eigenproblem, so no iteration and no sign ambiguity).
   */
  public static Ellipse of(double[] mean, double[][] covariance, double sigmas) {
    double a = covariance[0][0];
    double b = 0.5 * (covariance[0][1] + covariance[1][0]);
    double c = covariance[1][1];
    double half = 0.5 * (a + c);
    double radius = Math.hypot(0.5 * (a - c), b);
    double major = half + radius;
    // A covariance that is numerically singular can give a tiny negative minor eigenvalue.
    double minor = Math.max(0, half - radius);
    double angle = 0.5 * Math.atan2(2 * b, a - c);
    return new Ellipse(mean[0], mean[1], sigmas * Math.sqrt(Math.max(0, major)),
        sigmas * Math.sqrt(minor), Math.toDegrees(angle));
  }
}
