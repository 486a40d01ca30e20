package io.sparkem.family.regression;

import io.sparkem.core.Generative;
import io.sparkem.family.Draws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Synthetic mixtures of regressions: weights ∝ U(0.5, 1.5); coefficient vectors β_j drawn uniformly
 * in [−5, 5]^p until every pair is at least {@value #SEPARATION} apart; σ_j uniform in [0.5, 1].
 * Records: x ~ N(0, I_d), y = x̃ᵀβ_j + σ_j z with z ~ N(0, 1), written as columns x1..xd and
 * {@value #LABEL_COLUMN}; fit them with {@code --label-col y}. With x ~ N(0, I), the root mean
 * square of the difference between two components' predictions, E[(x̃ᵀ(β_j − β_l))²]^½, is
 * ‖β_j − β_l‖ ≥ 6 ≥ 6σ: the lines separate most records, though they cross somewhere, as real
 * regimes do.
 */
public final class RegressionGenerator implements Generative<RegressionMixture> {

  /** The response column. */
  public static final String LABEL_COLUMN = "y";
  /** Minimum distance between two true coefficient vectors. */
  static final double SEPARATION = 6.0;

  private final boolean intercept;

  public RegressionGenerator(boolean intercept) {
    this.intercept = intercept;
  }

  @Override
  public RegressionMixture randomTruth(int k, int d, RandomGenerator rng) {
    double[] weights = Draws.weights(k, rng);
    int p = d + (intercept ? 1 : 0);
    double[][] beta = Draws.separatedPoints(k, p, -5, 10, SEPARATION, rng);
    double[] variance = new double[k];
    for (int j = 0; j < k; j++) {
      double sd = 0.5 + 0.5 * rng.nextDouble();
      variance[j] = sd * sd;
    }
    return new RegressionMixture(weights, beta, variance, intercept);
  }

  @Override
  public Sampler sampler(RegressionMixture theta) {
    double[] sd = new double[theta.k()];
    for (int j = 0; j < sd.length; j++) {
      sd[j] = Math.sqrt(theta.variances()[j]);
    }
    return new RegressionSampler(theta, sd);
  }

  /** (x ~ N(0, I), y = x̃ᵀβ_j + σ_j z). */
  private record RegressionSampler(RegressionMixture theta, double[] sd) implements Sampler {
    @Override
    public int width() {
      return theta.dimension() + 1;
    }

    @Override
    public void draw(int j, RandomGenerator rng, double[] out) {
      int d = theta.dimension();
      for (int a = 0; a < d; a++) {
        out[a] = rng.nextGaussian();
      }
      out[d] = theta.predict(j, out, 0) + sd[j] * rng.nextGaussian();
    }
  }

  @Override
  public List<String> columnNames(RegressionMixture theta) {
    List<String> names = new ArrayList<>();
    for (int a = 1; a <= theta.dimension(); a++) {
      names.add("x" + a);
    }
    names.add(LABEL_COLUMN);
    return names;
  }

  /** {@code labelCol}: the column to pass as {@code --label-col}. */
  @Override
  public Map<String, Object> truthFields(RegressionMixture theta) {
    return Map.of("labelCol", LABEL_COLUMN);
  }

  @Override
  public double[] weights(RegressionMixture theta) {
    return theta.weights();
  }
}
