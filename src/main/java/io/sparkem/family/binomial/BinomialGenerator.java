package io.sparkem.family.binomial;

import io.sparkem.core.Generative;
import io.sparkem.core.UserError;
import io.sparkem.family.Draws;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Synthetic binomial mixtures: weights ∝ U(0.5, 1.5); the k success probabilities sit in k equal
 * slots of [0.05, 0.95], one per slot in random order, each within the middle 80% of its slot (so
 * any two are at least 0.72/k apart). Records: (x, n) with x ~ Binomial(n, p_j) and n the fixed
 * {@code --trials} (default 20), written as columns {@code x1} and {@code trials}; fit them with
 * {@code --trials-col trials}.
 */
public final class BinomialGenerator implements Generative<BinomialMixture> {

  /** The column of the number of trials. */
  public static final String TRIALS_COLUMN = "trials";

  private final int trials;

  public BinomialGenerator(int trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    this.trials = trials;
  }

  public BinomialGenerator() {
    this(Sizes.DEFAULT.trials());
  }

  @Override
  public Generative<BinomialMixture> withSizes(Sizes sizes) {
    return new BinomialGenerator(sizes.trials());
  }

  @Override
  public BinomialMixture randomTruth(int k, int d, RandomGenerator rng) {
    if (d != 1) {
      throw new UserError("--family binomial has one feature (the successes of each record, beside "
          + "its trials): pass --dimension 1");
    }
    double[] weights = Draws.weights(k, rng);
    int[] slot = new int[k];
    for (int j = 0; j < k; j++) {
      slot[j] = j;
    }
    for (int j = k - 1; j > 0; j--) { // Fisher–Yates: which component gets which slot
      int i = rng.nextInt(j + 1);
      int t = slot[i];
      slot[i] = slot[j];
      slot[j] = t;
    }
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      p[j] = 0.05 + 0.9 * (slot[j] + 0.1 + 0.8 * rng.nextDouble()) / k;
    }
    return new BinomialMixture(weights, p);
  }

  @Override
  public Sampler sampler(BinomialMixture theta) {
    return new BinomialSampler(theta.p(), trials);
  }

  /** (x ~ Binomial(n, p_j), n). */
  private record BinomialSampler(double[] p, int trials) implements Sampler {
    @Override
    public int width() {
      return 2;
    }

    @Override
    public void draw(int j, RandomGenerator rng, double[] out) {
      out[0] = Draws.binomial(trials, p[j], rng);
      out[1] = trials;
    }
  }

  @Override
  public List<String> columnNames(BinomialMixture theta) {
    return List.of("x1", TRIALS_COLUMN);
  }

  @Override
  public Map<String, Object> truthFields(BinomialMixture theta) {
    return Map.of("trialsCol", TRIALS_COLUMN);
  }

  @Override
  public double[] weights(BinomialMixture theta) {
    return theta.weights();
  }
}
