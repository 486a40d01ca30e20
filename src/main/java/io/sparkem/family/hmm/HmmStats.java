package io.sparkem.family.hmm;

import io.sparkem.core.MixtureStats;
import io.sparkem.core.SufficientStats;

/**
 * Sufficient statistics of Baum–Welch (Rabiner 1989, eq. 40): expected start counts Σ_s γ_0(i),
 * expected transition counts Σ_s Σ_t ξ_t(i, j), and the emission family's own statistics with
 * the state posteriors γ_t(j) as responsibilities. k + k² doubles plus the emission's, whatever
 * the number of sequences. Every record has weight 1, so the total weight is the record count.
 */
public final class HmmStats implements SufficientStats {

  private static final long serialVersionUID = 1L;

  /** Σ γ_0(i) over sequences, length k. */
  final double[] start;
  /** Σ ξ_t(i, j) at {@code [i·k + j]}. */
  final double[] transitions;
  /** The emission family's statistics, fed with γ. */
  final MixtureStats emission;
  private double logLikelihood;
  private long records;
  private long sequences;

  HmmStats(int k, MixtureStats emission) {
    this.start = new double[k];
    this.transitions = new double[k * k];
    this.emission = emission;
  }

  void addTotals(double ll, int rows, int sequenceCount) {
    logLikelihood += ll;
    records += rows;
    sequences += sequenceCount;
  }

  /** Number of sequences folded in. */
  public long sequences() {
    return sequences;
  }

  @Override
  public SufficientStats merge(SufficientStats other) {
    HmmStats o = (HmmStats) other;
    for (int i = 0; i < start.length; i++) {
      start[i] += o.start[i];
    }
    for (int i = 0; i < transitions.length; i++) {
      transitions[i] += o.transitions[i];
    }
    emission.merge(o.emission);
    logLikelihood += o.logLikelihood;
    records += o.records;
    sequences += o.sequences;
    return this;
  }

  @Override
  public double logLikelihood() {
    return logLikelihood;
  }

  @Override
  public double totalWeight() {
    return records;
  }

  @Override
  public long records() {
    return records;
  }
}
