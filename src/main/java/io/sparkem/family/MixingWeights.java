package io.sparkem.family;

import io.sparkem.core.MixtureStats;
import io.sparkem.core.UserError;
import java.util.List;

/**
 * The mixing-weight half of every mixture M-step: π_j = N_j / N with N_j = Σ_i w_i r_ij
 * (Bishop 2006, §9.2.2), or the previous weights under {@code --fix-weights}. A component that
 * received no weight gets weight 0 (under {@code --fix-weights}: keeps its fixed weight) and a
 * warning — never a NaN — and the family keeps its last parameters.
 */
public final class MixingWeights {

  /** Below this Σ r a component counts as empty: its statistics are all rounding. */
  public static final double EMPTY = 1e-300;

  private MixingWeights() {}

  /** Whether component j received (numerically) no weight in the pass. */
  public static boolean isEmpty(MixtureStats stats, int j) {
    return !(stats.componentWeight(j) > EMPTY);
  }

  /**
   * The next weights; adds a warning per empty component to {@code warnings}.
   *
   * @param previous the weights of the θ the pass ran with, length k
   */
  public static double[] estimate(MixtureStats stats, double[] previous, boolean fixWeights,
      List<String> warnings) {
    int k = stats.k();
    double total = 0;
    for (int j = 0; j < k; j++) {
      if (isEmpty(stats, j)) {
        warnings.add("component " + j + " received no weight; it keeps its last parameters with "
            + "weight 0 (consider a smaller --k)");
      } else {
        total += stats.componentWeight(j);
      }
    }
    if (!(total > 0)) {
      throw new UserError("every record has weight 0: there is nothing to fit; check --weight-col");
    }
    if (fixWeights) {
      return previous.clone();
    }
    double[] w = new double[k];
    for (int j = 0; j < k; j++) {
      w[j] = isEmpty(stats, j) ? 0 : stats.componentWeight(j) / total;
    }
    return w;
  }

  /**
   * Starting weights of a hard clustering: each cluster's share of the weight (at least 1e-12, so
   * no component starts dead), or 1/k each under {@code --fix-weights}.
   */
  public static double[] ofClusters(double[] clusterWeight, boolean fixWeights) {
    int k = clusterWeight.length;
    double[] w = new double[k];
    double total = 0;
    for (double c : clusterWeight) {
      total += Math.max(c, 1e-12);
    }
    for (int j = 0; j < k; j++) {
      w[j] = fixWeights ? 1.0 / k : Math.max(clusterWeight[j], 1e-12) / total;
    }
    return w;
  }
}
