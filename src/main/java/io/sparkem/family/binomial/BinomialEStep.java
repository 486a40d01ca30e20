package io.sparkem.family.binomial;

import io.sparkem.family.LinearEStep;
import io.sparkem.math.LogGamma;

/**
 * log f_j(x | n) = log C(n, x) + x log p_j + (n − x) log(1 − p_j), linear in the block row (x, n):
 * η_j = (log p_j − log(1 − p_j), log(1 − p_j)), c_j = 0, h(x, n) = log C(n, x) (by log-gamma).
 * p is clamped like the M-step's, so an exact 0 or 1 cannot produce ∞ − ∞.
 */
final class BinomialEStep extends LinearEStep {

  private static final long serialVersionUID = 1L;

  BinomialEStep(BinomialMixture theta) {
    super(theta.weights(), eta(theta.p()), new double[theta.k()]);
  }

  private static double[][] eta(double[] p) {
    double[][] eta = new double[p.length][2];
    for (int j = 0; j < p.length; j++) {
      double q = BinomialFamily.clamp(p[j]);
      double logFail = Math.log1p(-q);
      eta[j][0] = Math.log(q) - logFail;
      eta[j][1] = logFail;
    }
    return eta;
  }

  @Override
  protected double baseMeasure(double[] x, int off, int width) {
    return LogGamma.logBinomial(x[off + 1], x[off]);
  }
}
