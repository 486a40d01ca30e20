package io.sparkem.family.bernoulli;

import io.sparkem.core.Generative;
import io.sparkem.family.Draws;
import java.util.random.RandomGenerator;

/**
 * Synthetic Bernoulli mixtures: weights ∝ U(0.5, 1.5); component j is a random binary pattern
 * b_j ∈ {0,1}^d, blurred to p_ja = 0.1 + 0.8·b_ja ± U(−0.05, 0.05) (so p near 0.1 or 0.9). The
 * patterns differ pairwise in at least ⌈d/4⌉ features, a requirement relaxed only when k patterns
 * that far apart are not found (k close to or above 2^d). Records: x_a ~ Bernoulli(p_ja).
 */
public final class BernoulliGenerator implements Generative<BernoulliMixture> {

  @Override
  public BernoulliMixture randomTruth(int k, int d, RandomGenerator rng) {
    double[] weights = Draws.weights(k, rng);
    boolean[][] patterns = new boolean[k][d];
    int required = Math.max(1, (d + 3) / 4);
    for (int j = 0; j < k; j++) {
      for (int attempt = 1; ; attempt++) {
        for (int a = 0; a < d; a++) {
          patterns[j][a] = rng.nextBoolean();
        }
        if (required == 0 || minHamming(patterns, j) >= required) {
          break;
        }
        if (attempt % 1000 == 0) {
          required--;
        }
      }
    }
    double[][] p = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        p[j][a] = (patterns[j][a] ? 0.9 : 0.1) + 0.1 * (rng.nextDouble() - 0.5);
      }
    }
    return new BernoulliMixture(weights, p);
  }

  private static int minHamming(boolean[][] patterns, int j) {
    int best = Integer.MAX_VALUE;
    for (int i = 0; i < j; i++) {
      int h = 0;
      for (int a = 0; a < patterns[j].length; a++) {
        h += patterns[i][a] != patterns[j][a] ? 1 : 0;
      }
      best = Math.min(best, h);
    }
    return best;
  }

  @Override
  public Sampler sampler(BernoulliMixture theta) {
    return new BernoulliSampler(theta.p(), theta.dimension());
  }

  /** x_a = 1 with probability p_ja. */
  private record BernoulliSampler(double[][] p, int width) implements Sampler {
    @Override
    public void draw(int j, RandomGenerator rng, double[] out) {
      for (int a = 0; a < width; a++) {
        out[a] = rng.nextDouble() < p[j][a] ? 1 : 0;
      }
    }
  }

  @Override
  public double[] weights(BernoulliMixture theta) {
    return theta.weights();
  }
}
