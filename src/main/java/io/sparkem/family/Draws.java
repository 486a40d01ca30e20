package io.sparkem.family;

import io.sparkem.math.LogGamma;
import java.util.random.RandomGenerator;

/**
 * Random draws the count families' generators share: mixing weights, Poisson, binomial and
 * multinomial variates, and random well-separated points.
 */
public final class Draws {

  private Draws() {}

  /** k weights ∝ U(0.5, 1.5): unequal, none tiny. */
  public static double[] weights(int k, RandomGenerator rng) {
    double[] w = new double[k];
    double total = 0;
    for (int j = 0; j < k; j++) {
      w[j] = 0.5 + rng.nextDouble();
      total += w[j];
    }
    for (int j = 0; j < k; j++) {
      w[j] /= total;
    }
    return w;
  }

  /**
   * k points in d dimensions, coordinates uniform in [lo, lo + width), redrawn until every pair is
   * at least {@code separation} apart (Euclidean); the box grows by 20% every 100 failed draws of
   * a point, so the loop ends whatever k and d.
   */
  public static double[][] separatedPoints(int k, int d, double lo, double width, double separation,
      RandomGenerator rng) {
    double[][] points = new double[k][d];
    double w = width;
    for (int j = 0; j < k; j++) {
      for (int attempt = 1; ; attempt++) {
        for (int a = 0; a < d; a++) {
          points[j][a] = lo + rng.nextDouble() * w;
        }
        if (minDistance(points, j) >= separation) {
          break;
        }
        if (attempt % 100 == 0) {
          w *= 1.2;
        }
      }
    }
    return points;
  }

  /** The distance from point j to the nearest of points 0..j−1 (+∞ for j = 0). */
  private static double minDistance(double[][] points, int j) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < j; i++) {
      double s = 0;
      for (int a = 0; a < points[j].length; a++) {
        double t = points[i][a] - points[j][a];
        s += t * t;
      }
      best = Math.min(best, Math.sqrt(s));
    }
    return best;
  }

  /**
   * A Poisson(λ) variate: multiplication of uniforms (Knuth) below λ = 10, else the transformed
   * rejection method PTRS (Hörmann 1993, Insurance: Math. and Econ. 12:39), as in NumPy.
   */
  public static long poisson(double lambda, RandomGenerator rng) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("a Poisson rate must be finite and >= 0, got " + lambda);
    }
    if (lambda < 10) {
      double limit = Math.exp(-lambda);
      long n = 0;
      double prod = rng.nextDouble();
      while (prod > limit) {
        n++;
        prod *= rng.nextDouble();
      }
      return n;
    }
    double slam = Math.sqrt(lambda);
    double loglam = Math.log(lambda);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = rng.nextDouble() - 0.5;
      double v = rng.nextDouble();
      double us = 0.5 - Math.abs(u);
      long n = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) {
        return n;
      }
      if (n < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
          <= -lambda + n * loglam - LogGamma.logFactorial(n)) {
        return n;
      }
    }
  }

  /** A binomial(n, p) variate as the sum of n Bernoulli draws: O(n), for moderate n. */
  public static long binomial(long n, double p, RandomGenerator rng) {
    long s = 0;
    for (long t = 0; t < n; t++) {
      if (rng.nextDouble() < p) {
        s++;
      }
    }
    return s;
  }

  /**
   * Multinomial(n, p) counts into {@code out[0..p.length)}: each of the n items falls in the
   * category its uniform lands in (binary search in the cumulative p). O(n log d).
   */
  public static void multinomial(long n, double[] cumulative, RandomGenerator rng, double[] out) {
    int d = cumulative.length;
    java.util.Arrays.fill(out, 0, d, 0.0);
    for (long t = 0; t < n; t++) {
      double u = rng.nextDouble() * cumulative[d - 1];
      int lo = 0;
      int hi = d - 1;
      while (lo < hi) { // the first category whose cumulative exceeds u
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      out[lo]++;
    }
  }

  /** The running sums of p (the last is Σ p, ~1). */
  public static double[] cumulative(double[] p) {
    double[] c = new double[p.length];
    double s = 0;
    for (int a = 0; a < p.length; a++) {
      s += p[a];
      c[a] = s;
    }
    return c;
  }
}
