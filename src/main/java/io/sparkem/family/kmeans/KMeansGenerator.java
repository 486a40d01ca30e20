package io.sparkem.family.kmeans;

import io.sparkem.core.Generative;
import io.sparkem.family.Draws;
import java.util.random.RandomGenerator;

/**
 * Synthetic k-means data: cluster shares ∝ U(0.5, 1.5); centres uniform in a box of half-width
 * 10·max(1, k^(1/d)) until every pair is at least {@value #SEPARATION} apart; records x = μ_j + z
 * with z ~ N(0, I) (unit spherical noise), so each centre is ten noise units from any other.
 */
public final class KMeansGenerator implements Generative<KMeansModel> {

  /** Minimum distance between two true centres, in units of the noise's standard deviation. */
  static final double SEPARATION = 10.0;

  @Override
  public KMeansModel randomTruth(int k, int d, RandomGenerator rng) {
    double[] weights = Draws.weights(k, rng);
    double half = SEPARATION * Math.max(1.0, Math.pow(k, 1.0 / d));
    return new KMeansModel(weights, Draws.separatedPoints(k, d, -half, 2 * half, SEPARATION, rng));
  }

  @Override
  public Sampler sampler(KMeansModel theta) {
    return new SphericalSampler(theta.means(), theta.dimension());
  }

  /** x = μ_j + z, z ~ N(0, I). */
  private record SphericalSampler(double[][] means, int width) implements Sampler {
    @Override
    public void draw(int j, RandomGenerator rng, double[] out) {
      for (int a = 0; a < width; a++) {
        out[a] = means[j][a] + rng.nextGaussian();
      }
    }
  }

  @Override
  public double[] weights(KMeansModel theta) {
    return theta.weights();
  }
}
