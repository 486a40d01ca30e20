package io.sparkem.family.hmm;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.SufficientStats;

/**
 * The E-step of an HMM over a block of whole sequences: the emission family's E-step gives
 * log f_j(x_t) for every row at once, {@link ForwardBackward} runs per sequence, and γ feeds the
 * emission statistics in one call per block. Per-block memory: two rows × k arrays.
 */
public final class HmmEStep implements EStep {

  private static final long serialVersionUID = 1L;

  private final double[] start;
  private final double[] transitions;
  private final MixtureEStep emission;

  HmmEStep(HiddenMarkovModel<?> theta, MixtureEStep emission) {
    this.start = theta.start().clone();
    this.transitions = theta.flatTransitions();
    this.emission = emission;
  }

  public int k() {
    return start.length;
  }

  @Override
  public HmmStats zero() {
    return new HmmStats(k(), emission.zero());
  }

  @Override
  public void accumulate(Block block, SufficientStats into) {
    int[] offsets = block.sequenceOffsets();
    if (offsets == null) {
      throw new IllegalArgumentException("an HMM reads blocks of whole sequences; this block has none");
    }
    HmmStats stats = (HmmStats) into;
    int k = k();
    int n = block.rows();
    double[] logB = new double[n * k];
    emission.componentLogDensities(block, logB);
    double[] gamma = new double[n * k];
    double ll = 0;
    int sequences = 0;
    for (int s = 0; s + 1 < offsets.length; s++) {
      int from = offsets[s];
      int length = offsets[s + 1] - from;
      if (length == 0) {
        continue;
      }
      ll += ForwardBackward.run(logB, from, length, k, start, transitions, gamma, stats.transitions, null);
      for (int j = 0; j < k; j++) {
        stats.start[j] += gamma[from * k + j];
      }
      sequences++;
    }
    stats.emission.addWeighted(block, gamma);
    stats.addTotals(ll, n, sequences);
  }

  /** {@link #decode(Block, double[], int[], double[])} without the log-densities. */
  public double decode(Block block, double[] gamma, int[] states) {
    return decode(block, gamma, states, null);
  }

  /**
   * State posteriors γ (into {@code gamma}, rows × k), the Viterbi path (into {@code states}) and,
   * when {@code logDensity} is not null, each record's log p(x_t | x_0..x_{t−1}) (length rows; a
   * sequence's entries add up to its log P) of every sequence of {@code block}; returns
   * Σ log P(sequence).
   */
  public double decode(Block block, double[] gamma, int[] states, double[] logDensity) {
    int k = k();
    int n = block.rows();
    double[] logB = new double[n * k];
    emission.componentLogDensities(block, logB);
    double[] logStart = logOf(start);
    double[] logTrans = logOf(transitions);
    int[] offsets = block.sequenceOffsets();
    for (int s = 0; s + 1 < offsets.length; s++) {
      int from = offsets[s];
      int length = offsets[s + 1] - from;
      if (length > 0) {
        Viterbi.path(logB, from, length, k, logStart, logTrans, states);
      }
    }
    double ll = 0;
    for (int s = 0; s + 1 < offsets.length; s++) {
      int from = offsets[s];
      int length = offsets[s + 1] - from;
      if (length > 0) {
        ll += ForwardBackward.run(logB, from, length, k, start, transitions, gamma, null, logDensity);
      }
    }
    return ll;
  }

  private static double[] logOf(double[] p) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Math.log(p[i]);
    }
    return out;
  }
}
