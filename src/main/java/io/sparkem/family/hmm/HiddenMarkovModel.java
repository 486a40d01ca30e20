package io.sparkem.family.hmm;

import io.sparkem.core.Model;

/**
 * θ of a hidden Markov model: start probabilities, a transition matrix and the emission
 * distribution of every state, held as a mixture θ of the emission family whose component j is
 * state j (its mixing weights are the state occupancies of the last pass and are not used).
 *
 * @param start       π, length k, summing to 1
 * @param transitions a_ij = P(s_{t+1} = j | s_t = i), k × k, rows summing to 1
 * @param emission    state j's emission parameters as component j of the emission family's θ
 * @param <E>         the emission family's θ
 */
public record HiddenMarkovModel<E extends Model>(double[] start, double[][] transitions, E emission)
    implements Model {

  private static final long serialVersionUID = 1L;

  public HiddenMarkovModel {
    int k = start.length;
    if (k == 0 || transitions.length != k || emission.k() != k) {
      throw new IllegalArgumentException("start, transitions and emission must all have k >= 1 states");
    }
    checkProbabilities(start, "start");
    for (int i = 0; i < k; i++) {
      if (transitions[i].length != k) {
        throw new IllegalArgumentException("transition row " + i + " has " + transitions[i].length
            + " entries, not k = " + k);
      }
      checkProbabilities(transitions[i], "transition row " + i);
    }
  }

  private static void checkProbabilities(double[] p, String what) {
    double s = 0;
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(what + " holds " + v + ", not a probability");
      }
      s += v;
    }
    if (Math.abs(s - 1) > 1e-9) {
      throw new IllegalArgumentException(what + " sums to " + s + ", not 1");
    }
  }

  @Override
  public int k() {
    return start.length;
  }

  @Override
  public int dimension() {
    return emission.dimension();
  }

  /**
   * (k − 1) start + k(k − 1) transition probabilities + the emission parameters, which the
   * emission mixture counts with k − 1 mixing weights that an HMM does not have.
   */
  @Override
  public int freeParameters() {
    int k = k();
    return (k - 1) + k * (k - 1) + emission.freeParameters() - (k - 1);
  }

  /** a_ij at {@code [i·k + j]}. */
  double[] flatTransitions() {
    int k = k();
    double[] a = new double[k * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(transitions[i], 0, a, i * k, k);
    }
    return a;
  }
}
