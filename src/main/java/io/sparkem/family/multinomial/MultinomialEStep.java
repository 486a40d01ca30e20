package io.sparkem.family.multinomial;

import io.sparkem.family.LinearEStep;
import io.sparkem.math.LogGamma;

/**
 * log f_j(x) = log n! − Σ_a log x_a! + Σ_a x_a log p_ja: η_ja = log p_ja, c_j = 0,
 * h(x) = log n! − Σ_a log x_a! with n = Σ_a x_a.
 */
final class MultinomialEStep extends LinearEStep {

  private static final long serialVersionUID = 1L;

  MultinomialEStep(MultinomialMixture theta) {
    super(theta.weights(), logProbabilities(theta.p()), new double[theta.k()]);
  }

  private static double[][] logProbabilities(double[][] p) {
    double[][] eta = new double[p.length][];
    for (int j = 0; j < p.length; j++) {
      eta[j] = new double[p[j].length];
      for (int a = 0; a < eta[j].length; a++) {
        eta[j][a] = Math.log(Math.max(p[j][a], MultinomialFamily.P_MIN));
      }
    }
    return eta;
  }

  @Override
  protected double baseMeasure(double[] x, int off, int width) {
    double n = 0;
    double h = 0;
    for (int a = off; a < off + width; a++) {
      n += x[a];
      if (x[a] > 1) {
        h -= LogGamma.logFactorial(x[a]);
      }
    }
    return h + LogGamma.logFactorial(n);
  }
}
