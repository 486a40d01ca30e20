package io.sparkem.family.poisson;

import io.sparkem.core.Generative;
import io.sparkem.family.Draws;
import java.util.random.RandomGenerator;

/**
 * Synthetic Poisson mixtures: weights ∝ U(0.5, 1.5); rates λ_j = s_j² (elementwise) with the
 * points s_j drawn uniformly in [1, 1 + 4·max(1, k^(1/d)))^d until every pair is at least
 * {@value #SEPARATION} apart. 2√x is roughly N(2√λ, 1) for a Poisson count x, so the components
 * are then at least six standard deviations apart in that scale. Records: x_a ~ Poisson(λ_ja).
 */
public final class PoissonGenerator implements Generative<PoissonMixture> {

  /** Minimum distance between two true √λ vectors. */
  static final double SEPARATION = 3.0;

  @Override
  public PoissonMixture randomTruth(int k, int d, RandomGenerator rng) {
    double[] weights = Draws.weights(k, rng);
    double width = 4 * SEPARATION / 3 * Math.max(1.0, Math.pow(k, 1.0 / d));
    double[][] lambda = Draws.separatedPoints(k, d, 1.0, width, SEPARATION, rng);
    for (double[] l : lambda) {
      for (int a = 0; a < d; a++) {
        l[a] *= l[a];
      }
    }
    return new PoissonMixture(weights, lambda);
  }

  @Override
  public Sampler sampler(PoissonMixture theta) {
    return new PoissonSampler(theta.lambda(), theta.dimension());
  }

  /** x_a ~ Poisson(λ_ja). */
  private record PoissonSampler(double[][] lambda, int width) implements Sampler {
    @Override
    public void draw(int j, RandomGenerator rng, double[] out) {
      for (int a = 0; a < width; a++) {
        out[a] = Draws.poisson(lambda[j][a], rng);
      }
    }
  }

  @Override
  public double[] weights(PoissonMixture theta) {
    return theta.weights();
  }
}
