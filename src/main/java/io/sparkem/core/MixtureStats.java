package io.sparkem.core;

/**
 * The part of every mixture's statistics that does not depend on the family: Σ responsibility per
 * component, the log-likelihood, the total weight and the record count. Families extend it with
 * their own sums and merge them in {@link #mergeFamily}.
 */
public abstract class MixtureStats implements SufficientStats {

  private static final long serialVersionUID = 1L;

  /** Σ_i w_i r_ij per component j. */
  protected final double[] componentWeight;
  protected double logLikelihood;
  protected double totalWeight;
  protected long records;

  protected MixtureStats(int k) {
    this.componentWeight = new double[k];
  }

  public int k() {
    return componentWeight.length;
  }

  /** Σ_i w_i r_ij for component j. */
  public double componentWeight(int j) {
    return componentWeight[j];
  }

  /** Adds one block's share of the family-independent sums. */
  void addTotals(double blockLogLikelihood, double blockWeight, int rows) {
    logLikelihood += blockLogLikelihood;
    totalWeight += blockWeight;
    records += rows;
  }

  /**
   * Adds the family's sums of one block. {@code resp[i*k + j]} is w_i·r_ij, the record weight
   * already multiplied in; rows with zero weight have all-zero entries.
   */
  protected abstract void addBlock(Block block, double[] resp);

  /**
   * Adds responsibilities computed elsewhere — a hidden Markov model's state posteriors — to Σ r
   * and to the family's sums, so that another model reuses this family's statistics and M-step.
   * {@code resp[i*k + j]} is w_i·r_ij as in {@link #addBlock}. The log-likelihood, total weight
   * and record count are left to the caller.
   */
  public final void addWeighted(Block block, double[] resp) {
    int k = k();
    for (int i = 0; i < block.rows(); i++) {
      for (int j = 0; j < k; j++) {
        componentWeight[j] += resp[i * k + j];
      }
    }
    addBlock(block, resp);
  }

  /** Adds {@code other}'s family sums into this; {@code other} has the same class and shape. */
  protected abstract void mergeFamily(MixtureStats other);

  @Override
  public final SufficientStats merge(SufficientStats other) {
    MixtureStats o = (MixtureStats) other;
    for (int j = 0; j < componentWeight.length; j++) {
      componentWeight[j] += o.componentWeight[j];
    }
    logLikelihood += o.logLikelihood;
    totalWeight += o.totalWeight;
    records += o.records;
    mergeFamily(o);
    return this;
  }

  /** Multiplies the family's sums by {@code factor} (see {@link #scale}). */
  protected abstract void scaleFamily(double factor);

  @Override
  public final SufficientStats scale(double factor) {
    for (int j = 0; j < componentWeight.length; j++) {
      componentWeight[j] *= factor;
    }
    logLikelihood *= factor;
    totalWeight *= factor;
    scaleFamily(factor);
    return this;
  }

  @Override
  public double logLikelihood() {
    return logLikelihood;
  }

  @Override
  public double totalWeight() {
    return totalWeight;
  }

  @Override
  public long records() {
    return records;
  }
}
