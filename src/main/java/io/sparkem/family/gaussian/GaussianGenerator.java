package io.sparkem.family.gaussian;

import io.sparkem.core.Generative;
import io.sparkem.math.Cholesky;
import java.util.random.RandomGenerator;

/**
 * Synthetic Gaussian mixtures: weights ∝ U(0.5, 1.5); covariances Σ = ½AAᵀ + ½I with A_ab ~ N(0, 1/d)
 * (eigenvalues between ½ and a few units); means drawn uniformly in a box until every pair is at
 * least {@link #SEPARATION} apart, so components overlap negligibly. Records: x = μ_j + L_j z.
 */
public final class GaussianGenerator implements Generative<GaussianMixture> {

  /** Minimum distance between two true means, in units of the covariance scale (~1). */
  static final double SEPARATION = 10.0;

  private final CovarianceShape shape;

  public GaussianGenerator(CovarianceShape shape) {
    this.shape = shape;
  }

  @Override
  public GaussianMixture randomTruth(int k, int d, RandomGenerator rng) {
    double[] weights = new double[k];
    double total = 0;
    for (int j = 0; j < k; j++) {
      weights[j] = 0.5 + rng.nextDouble();
      total += weights[j];
    }
    for (int j = 0; j < k; j++) {
      weights[j] /= total;
    }
    double half = SEPARATION * Math.max(1.0, Math.pow(k, 1.0 / d));
    double[][] means = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int attempt = 0; ; attempt++) {
        for (int a = 0; a < d; a++) {
          means[j][a] = (2 * rng.nextDouble() - 1) * half;
        }
        if (farFromOthers(means, j)) {
          break;
        }
        if (attempt % 100 == 99) {
          half *= 1.2;
        }
      }
    }
    double[][] cov = new double[k][];
    for (int j = 0; j < k; j++) {
      // Tied: one matrix shared by every component.
      cov[j] = j > 0 && shape.type() == CovarianceType.TIED ? cov[0]
          : shape.fromFull(projected(randomSpd(d, rng), d), d);
    }
    return new GaussianMixture(shape, weights, means, cov);
  }

  /** A full matrix brought to the shape's structure (off-diagonals dropped for diag, ...). */
  private double[] projected(double[] full, int d) {
    return shape.toFull(shape.fromFull(structured(full, d), d), d);
  }

  /** Zeroes what the shape cannot hold, so that fromFull accepts it. */
  private double[] structured(double[] full, int d) {
    switch (shape.type()) {
      case FULL, TIED:
        return full;
      case DIAG: {
        double[] m = new double[d * d];
        for (int a = 0; a < d; a++) {
          m[a * d + a] = full[a * d + a];
        }
        return m;
      }
      default: {
        double mean = 0;
        for (int a = 0; a < d; a++) {
          mean += full[a * d + a] / d;
        }
        double[] m = new double[d * d];
        for (int a = 0; a < d; a++) {
          m[a * d + a] = mean;
        }
        return m;
      }
    }
  }

  private static boolean farFromOthers(double[][] means, int j) {
    for (int i = 0; i < j; i++) {
      double s = 0;
      for (int a = 0; a < means[j].length; a++) {
        double t = means[i][a] - means[j][a];
        s += t * t;
      }
      if (Math.sqrt(s) < SEPARATION) {
        return false;
      }
    }
    return true;
  }

  private static double[] randomSpd(int d, RandomGenerator rng) {
    double[] a = new double[d * d];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian() / Math.sqrt(d);
    }
    double[] s = new double[d * d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        double v = 0;
        for (int t = 0; t < d; t++) {
          v += a[r * d + t] * a[c * d + t];
        }
        s[r * d + c] = 0.5 * v + (r == c ? 0.5 : 0);
      }
    }
    return s;
  }

  @Override
  public Sampler sampler(GaussianMixture theta) {
    int d = theta.dimension();
    double[][] lower = new double[theta.k()][];
    for (int j = 0; j < theta.k(); j++) {
      lower[j] = Cholesky.of(theta.fullCovariance(j), d).orElseThrow().lower();
    }
    return new CholeskySampler(theta.means(), lower, d);
  }

  /** x = μ_j + L_j z with z ~ N(0, I). */
  private record CholeskySampler(double[][] means, double[][] lower, int width) implements Sampler {
    @Override
    public void draw(int j, RandomGenerator rng, double[] out) {
      int d = width;
      double[] l = lower[j];
      for (int a = 0; a < d; a++) {
        out[a] = rng.nextGaussian(); // z, overwritten from the last row up as x is formed
      }
      for (int a = d - 1; a >= 0; a--) {
        double v = means[j][a];
        for (int b = 0; b <= a; b++) {
          v += l[a * d + b] * out[b];
        }
        out[a] = v;
      }
    }
  }

  @Override
  public double[] weights(GaussianMixture theta) {
    return theta.weights();
  }
}
