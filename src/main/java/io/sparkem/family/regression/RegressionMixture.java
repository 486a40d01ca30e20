package io.sparkem.family.regression;

import io.sparkem.core.Model;

/**
 * θ of a mixture of linear regressions, y | x ~ Σ_j π_j N(x̃ᵀβ_j, σ_j²), where x̃ = (1, x) with an
 * intercept and x̃ = x without one (DeSarbo &amp; Cron 1988; mixtools {@code regmixEM}).
 *
 * @param weights      π, length k, summing to 1
 * @param coefficients β, k × p with p = d + 1 (intercept first) or p = d; row j is component j's
 *     coefficients in the order of x̃
 * @param variances    σ_j² of the residual of component j, length k, each finite and &gt; 0
 * @param intercept    whether coefficient 0 of every component is an intercept
 */
public record RegressionMixture(double[] weights, double[][] coefficients, double[] variances, boolean intercept)
    implements Model {

  private static final long serialVersionUID = 1L;

  public RegressionMixture {
    int k = weights.length;
    if (k == 0 || coefficients.length != k || variances.length != k) {
      throw new IllegalArgumentException("weights, coefficients and variances must all have k >= 1 entries");
    }
    int p = coefficients[0].length;
    if (p < (intercept ? 2 : 1)) {
      throw new IllegalArgumentException("a regression needs at least one covariate besides the intercept");
    }
    for (int j = 0; j < k; j++) {
      if (coefficients[j].length != p) {
        throw new IllegalArgumentException("every component needs the same " + p + " coefficients");
      }
      for (double b : coefficients[j]) {
        if (!Double.isFinite(b)) {
          throw new IllegalArgumentException("a coefficient must be a finite number, got " + b);
        }
      }
      if (!(variances[j] > 0) || Double.isInfinite(variances[j])) {
        throw new IllegalArgumentException("a variance must be a finite number > 0, got " + variances[j]);
      }
    }
  }

  @Override
  public int k() {
    return weights.length;
  }

  /** d, the number of covariates (features); the block rows hold d + 1 values, y last. */
  @Override
  public int dimension() {
    return terms() - (intercept ? 1 : 0);
  }

  /** p, the number of coefficients per component (d, plus 1 with an intercept). */
  public int terms() {
    return coefficients[0].length;
  }

  /** (k − 1) weights + k·p coefficients + k variances. */
  @Override
  public int freeParameters() {
    return (k() - 1) + k() * terms() + k();
  }

  /** x̃ᵀβ_j for the record whose d covariates are {@code x[off..off+d)}. */
  public double predict(int j, double[] x, int off) {
    double[] b = coefficients[j];
    int d = dimension();
    int t = intercept ? 1 : 0;
    double s = intercept ? b[0] : 0;
    for (int a = 0; a < d; a++) {
      s += b[t + a] * x[off + a];
    }
    return s;
  }
}
