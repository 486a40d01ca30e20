package io.sparkem.family;

/**
 * Centred log-ratio coordinates of a probability vector (Aitchison 1986): u_a = log p_a −
 * mean_b log p_b, and back by the softmax p_a = e^{u_a} / Σ_b e^{u_b}. Every real vector maps to
 * a probability vector, and a linear combination of coordinates (an extrapolation) stays one. The
 * coordinates sum to 0, so the redundant direction of "log and normalise" adds nothing to a step's
 * length. A probability of exactly 0 is read as {@value #FLOOR} (log = −690.8).
 */
public final class SimplexCoordinates {

  /** The smallest probability the coordinates represent. */
  public static final double FLOOR = 1e-300;

  private SimplexCoordinates() {}

  /** Appends the d coordinates of {@code p} to {@code out} at {@code off}. */
  public static void encode(double[] p, double[] out, int off) {
    double mean = 0;
    for (double v : p) {
      mean += Math.log(Math.max(FLOOR, v));
    }
    mean /= p.length;
    for (int a = 0; a < p.length; a++) {
      out[off + a] = Math.log(Math.max(FLOOR, p[a])) - mean;
    }
  }

  /** The probability vector of the d coordinates {@code u[off..off+d)} (softmax, shifted by the max). */
  public static double[] decode(double[] u, int off, int d) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < d; a++) {
      max = Math.max(max, u[off + a]);
    }
    double[] p = new double[d];
    double s = 0;
    for (int a = 0; a < d; a++) {
      p[a] = Math.exp(u[off + a] - max);
      s += p[a];
    }
    for (int a = 0; a < d; a++) {
      p[a] /= s;
    }
    return p;
  }
}
