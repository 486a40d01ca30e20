package io.sparkem.core;

import io.sparkem.math.LogSumExp;

/**
 * The E-step every mixture shares: the family fills the {@code rows × k} matrix of
 * log f_j(x_i); this class adds log π_j, normalises each row with log-sum-exp into
 * responsibilities, adds w_i·log p(x_i) to the log-likelihood and hands w_i·r_ij to the family's
 * statistics. Responsibilities live only in a per-block buffer.
 */
public abstract class MixtureEStep implements EStep {

  private static final long serialVersionUID = 1L;

  /** log π_j; −∞ for a component whose weight is 0. */
  protected final double[] logWeights;

  protected MixtureEStep(double[] weights) {
    this.logWeights = new double[weights.length];
    for (int j = 0; j < weights.length; j++) {
      logWeights[j] = Math.log(weights[j]);
    }
  }

  public int k() {
    return logWeights.length;
  }

  /**
   * Fills {@code out[i*k + j]} with log f_j(x_i), the component log-density of row i of the
   * block without the mixing weight, normalising constants included.
   */
  protected abstract void logDensities(Block block, double[] out);

  /**
   * {@link #logDensities} for callers outside the family: a hidden Markov model reads its
   * per-state emission log-densities here, {@code out} being {@code rows × k}.
   */
  public final void componentLogDensities(Block block, double[] out) {
    logDensities(block, out);
  }

  @Override
  public abstract MixtureStats zero();

  @Override
  public void accumulate(Block block, SufficientStats into) {
    int k = k();
    int n = block.rows();
    double[] resp = new double[n * k];
    MixtureStats stats = (MixtureStats) into;
    double[] logDensity = stats.collectsDensities() ? new double[n] : null;
    double ll = posteriors(block, resp, true, logDensity);
    if (logDensity != null) {
      stats.noteLogDensities(logDensity, block.w(), 0, n);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        stats.componentWeight[j] += resp[i * k + j];
      }
    }
    stats.addTotals(ll, block.totalWeight(), n);
    stats.addBlock(block, resp);
  }

  /**
   * Whether a record has a density under θ, so that {@link #posteriors} fills its log-density
   * (k-means, scoring distances, has none).
   */
  public boolean hasLogDensity() {
    return true;
  }

  /** This E-step collecting the records' log-densities ({@link CollectingEStep}). */
  @Override
  public java.util.Optional<EStep> collectingDensities(double[] thresholds) {
    return java.util.Optional.of(new CollectingEStep(this, thresholds));
  }

  /**
   * {@link #posteriors(Block, double[], boolean, double[])} without the log-densities.
   */
  public final double posteriors(Block block, double[] out, boolean weighted) {
    return posteriors(block, out, weighted, null);
  }

  /**
   * Fills {@code out[i*k + j]} (length {@code rows × k}) with the posterior probability r_ij of
   * component j for row i — times the record weight w_i when {@code weighted} — and, when
   * {@code logDensity} is not null, {@code logDensity[i]} (length ≥ rows) with the record's
   * log-density log p(x_i) = log Σ_j π_j f_j(x_i); returns Σ_i w_i log p(x_i). This is the E-step
   * of the fit, row by row: {@code predict} and the Spark ML models score records through it.
   */
  public double posteriors(Block block, double[] out, boolean weighted, double[] logDensity) {
    int k = k();
    int n = block.rows();
    logDensities(block, out);
    double ll = 0;
    double[] w = block.w();
    for (int i = 0; i < n; i++) {
      int row = i * k;
      for (int j = 0; j < k; j++) {
        out[row + j] += logWeights[j];
      }
      double lse = LogSumExp.ofRow(out, row, k);
      if (!(lse > Double.NEGATIVE_INFINITY) || lse == Double.POSITIVE_INFINITY) {
        throw new IllegalStateException(
            "a record has no finite likelihood under any component (log-sum-exp = " + lse + ")");
      }
      if (w[i] != 0) {
        ll += w[i] * lse;
      }
      if (logDensity != null) {
        logDensity[i] = lse;
      }
      double scale = weighted ? w[i] : 1.0;
      for (int j = 0; j < k; j++) {
        out[row + j] = scale * Math.exp(out[row + j] - lse);
      }
    }
    return ll;
  }
}
