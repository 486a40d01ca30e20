package io.sparkem.family.poisson;

import io.sparkem.family.LinearEStep;
import io.sparkem.math.LogGamma;

/**
 * log f_j(x) = Σ_a [x_a log λ_ja − λ_ja − log x_a!]: η_ja = log λ_ja, c_j = −Σ_a λ_ja and
 * h(x) = −Σ_a log x_a! (tabulated log-factorials; zero counts cost nothing).
 */
final class PoissonEStep extends LinearEStep {

  private static final long serialVersionUID = 1L;

  PoissonEStep(PoissonMixture theta) {
    super(theta.weights(), logRates(theta.lambda()), minusTotalRate(theta.lambda()));
  }

  private static double[][] logRates(double[][] lambda) {
    double[][] eta = new double[lambda.length][];
    for (int j = 0; j < lambda.length; j++) {
      eta[j] = new double[lambda[j].length];
      for (int a = 0; a < eta[j].length; a++) {
        eta[j][a] = Math.log(lambda[j][a]);
      }
    }
    return eta;
  }

  private static double[] minusTotalRate(double[][] lambda) {
    double[] c = new double[lambda.length];
    for (int j = 0; j < lambda.length; j++) {
      for (double v : lambda[j]) {
        c[j] -= v;
      }
    }
    return c;
  }

  @Override
  protected double baseMeasure(double[] x, int off, int width) {
    double h = 0;
    for (int a = off; a < off + width; a++) {
      if (x[a] > 1) {
        h -= LogGamma.logFactorial(x[a]);
      }
    }
    return h;
  }
}
