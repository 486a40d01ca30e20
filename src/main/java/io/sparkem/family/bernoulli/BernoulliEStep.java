package io.sparkem.family.bernoulli;

import io.sparkem.family.LinearEStep;

/**
 * log f_j(x) = Σ_a [x_a log p_ja + (1 − x_a) log(1 − p_ja)] = c_j + Σ_a x_a η_ja with the logits
 * η_ja = log p_ja − log(1 − p_ja) and c_j = Σ_a log(1 − p_ja); h(x) = 0. Probabilities are clamped
 * to [P_MIN, P_MAX] first, so that a θ given with an exact 0 or 1 cannot produce ∞ − ∞.
 */
final class BernoulliEStep extends LinearEStep {

  private static final long serialVersionUID = 1L;

  BernoulliEStep(BernoulliMixture theta) {
    super(theta.weights(), logits(theta.p()), logOneMinus(theta.p()));
  }

  private static double[][] logits(double[][] p) {
    double[][] eta = new double[p.length][p[0].length];
    for (int j = 0; j < p.length; j++) {
      for (int a = 0; a < p[j].length; a++) {
        double q = BernoulliFamily.clamp(p[j][a]);
        eta[j][a] = Math.log(q) - Math.log1p(-q);
      }
    }
    return eta;
  }

  private static double[] logOneMinus(double[][] p) {
    double[] c = new double[p.length];
    for (int j = 0; j < p.length; j++) {
      for (double v : p[j]) {
        c[j] += Math.log1p(-BernoulliFamily.clamp(v));
      }
    }
    return c;
  }

  @Override
  protected double baseMeasure(double[] x, int off, int width) {
    return 0;
  }
}
