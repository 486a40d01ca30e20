package io.sparkem.family.multinomial;

import io.sparkem.core.Generative;
import io.sparkem.family.Draws;
import java.util.random.RandomGenerator;

/**
 * Synthetic multinomial mixtures: weights ∝ U(0.5, 1.5); each p_j ~ Dirichlet(1, …, 1) (uniform
 * on the simplex), redrawn until every pair is at least {@value #SEPARATION} apart in L1 (the
 * requirement shrinks by 10% every 1000 failed draws, so it ends for any k and d). Records: a
 * total n ~ Poisson({@code --total}, default 50) — so a few records may be empty — spread over
 * the d categories as Multinomial(n, p_j).
 */
public final class MultinomialGenerator implements Generative<MultinomialMixture> {

  /** Minimum L1 distance between two true p (the maximum is 2). */
  static final double SEPARATION = 0.6;

  private final int total;

  public MultinomialGenerator(int total) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be >= 1, got " + total);
    }
    this.total = total;
  }

  public MultinomialGenerator() {
    this(Sizes.DEFAULT.total());
  }

  @Override
  public Generative<MultinomialMixture> withSizes(Sizes sizes) {
    return new MultinomialGenerator(sizes.total());
  }

  @Override
  public MultinomialMixture randomTruth(int k, int d, RandomGenerator rng) {
    double[] weights = Draws.weights(k, rng);
    double[][] p = new double[k][];
    double required = d == 1 ? 0 : SEPARATION; // one category: every p is (1)
    for (int j = 0; j < k; j++) {
      for (int attempt = 1; ; attempt++) {
        p[j] = dirichlet(d, rng);
        if (minL1(p, j) >= required) {
          break;
        }
        if (attempt % 1000 == 0) {
          required *= 0.9;
        }
      }
    }
    return new MultinomialMixture(weights, p);
  }

  /** Dirichlet(1, …, 1): normalised standard exponentials. */
  private static double[] dirichlet(int d, RandomGenerator rng) {
    double[] p = new double[d];
    double s = 0;
    for (int a = 0; a < d; a++) {
      p[a] = rng.nextExponential();
      s += p[a];
    }
    for (int a = 0; a < d; a++) {
      p[a] /= s;
    }
    return p;
  }

  private static double minL1(double[][] p, int j) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < j; i++) {
      double s = 0;
      for (int a = 0; a < p[j].length; a++) {
        s += Math.abs(p[i][a] - p[j][a]);
      }
      best = Math.min(best, s);
    }
    return best;
  }

  @Override
  public Sampler sampler(MultinomialMixture theta) {
    double[][] cumulative = new double[theta.k()][];
    for (int j = 0; j < theta.k(); j++) {
      cumulative[j] = Draws.cumulative(theta.p()[j]);
    }
    return new MultinomialSampler(cumulative, total, theta.dimension());
  }

  /** n ~ Poisson(total), then Multinomial(n, p_j). */
  private record MultinomialSampler(double[][] cumulative, int total, int width) implements Sampler {
    @Override
    public void draw(int j, RandomGenerator rng, double[] out) {
      Draws.multinomial(Draws.poisson(total, rng), cumulative[j], rng, out);
    }
  }

  @Override
  public double[] weights(MultinomialMixture theta) {
    return theta.weights();
  }
}
