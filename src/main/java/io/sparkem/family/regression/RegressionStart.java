package io.sparkem.family.regression;

import io.sparkem.core.Block;
import io.sparkem.family.MixingWeights;
import java.util.random.RandomGenerator;

/**
 * Starting θ of a mixture of regressions, drawn from a sample of the records (EXPERIMENTAL: the
 * strategies below are compared before one is chosen).
 */
final class RegressionStart {

  private RegressionStart() {}

  /**
   * θ from a hard partition of the sample: each group's weighted least-squares fit, σ_j² its mean
   * squared residual (+ reg), π_j its share of the weight. A group too small to determine its
   * coefficients is shrunk to the pooled fit (the ridge of {@link NormalEquations}); a group whose
   * fit is exact, or that has fewer rows than coefficients, takes the pooled variance.
   */
  static RegressionMixture fromPartition(RegressionFamily family, Block sample, int[] labels, int k) {
    boolean intercept = family.intercept();
    int p = sample.dim() - 1 + (intercept ? 1 : 0);
    int n = sample.rows();
    // The pooled fit first: the reference every group is solved around.
    RegressionStats all = new RegressionStats(new double[][] {new double[p]}, intercept);
    all.addWeighted(sample, java.util.Arrays.copyOf(sample.w(), n));
    NormalEquations.Fit pooled = NormalEquations.solve(all.moment(0), p, new double[p]);
    double total = all.componentWeight(0);
    double pooledVariance = floor(pooled.rss() / total + family.regCovar(), sample);

    double[][] reference = new double[k][];
    java.util.Arrays.fill(reference, pooled.coefficients());
    RegressionStats groups = new RegressionStats(reference, intercept);
    double[] resp = new double[n * k];
    int[] rows = new int[k];
    for (int i = 0; i < n; i++) {
      resp[i * k + labels[i]] = sample.w()[i];
      if (sample.w()[i] > 0) {
        rows[labels[i]]++;
      }
    }
    groups.addWeighted(sample, resp);
    double[] clusterWeight = new double[k];
    double[][] beta = new double[k][];
    double[] variance = new double[k];
    for (int j = 0; j < k; j++) {
      clusterWeight[j] = groups.componentWeight(j);
      if (MixingWeights.isEmpty(groups, j)) {
        beta[j] = pooled.coefficients();
        variance[j] = pooledVariance;
        continue;
      }
      NormalEquations.Fit fit = NormalEquations.solve(groups.moment(j), p, pooled.coefficients());
      beta[j] = fit.coefficients();
      double v = fit.rss() / clusterWeight[j] + family.regCovar();
      variance[j] = rows[j] > p && v > 0 ? floor(v, sample) : pooledVariance;
    }
    return new RegressionMixture(MixingWeights.ofClusters(clusterWeight, family.fixWeights()), beta, variance,
        intercept);
  }

  /** A uniformly random partition of the sample into k groups, then {@link #fromPartition}. */
  static RegressionMixture random(RegressionFamily family, Block sample, int k, RandomGenerator rng) {
    int[] labels = new int[sample.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i < k ? i : rng.nextInt(k);
    }
    return fromPartition(family, sample, labels, k);
  }

  /**
   * The labels of the most probable component of each sample row under θ, hard "k-lines"
   * assignment: argmax_j log π_j − ½ log σ_j² − (y − x̃ᵀβ_j)² / (2σ_j²).
   */
  static int[] assign(RegressionMixture theta, Block sample) {
    int k = theta.k();
    int width = sample.dim();
    int[] labels = new int[sample.rows()];
    for (int i = 0; i < labels.length; i++) {
      int off = i * width;
      double y = sample.x()[off + width - 1];
      double best = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double e = y - theta.predict(j, sample.x(), off);
        double v = theta.variances()[j];
        double l = Math.log(theta.weights()[j]) - 0.5 * (Math.log(v) + e * e / v);
        if (l > best) {
          best = l;
          labels[i] = j;
        }
      }
    }
    return labels;
  }

  /**
   * Classification EM (Celeux &amp; Govaert 1992) — for regressions, Späth's (1979) clusterwise
   * linear regression: alternate {@link #assign} and {@link #fromPartition} for at most
   * {@code rounds} rounds or until the labels no longer change. A component that loses every row
   * keeps the previous θ's.
   */
  static RegressionMixture kLines(RegressionFamily family, Block sample, RegressionMixture start, int rounds) {
    RegressionMixture theta = start;
    int[] labels = assign(theta, sample);
    for (int r = 0; r < rounds; r++) {
      if (!allUsed(labels, theta.k())) {
        return theta;
      }
      theta = fromPartition(family, sample, labels, theta.k());
      int[] next = assign(theta, sample);
      if (java.util.Arrays.equals(next, labels)) {
        break;
      }
      labels = next;
    }
    return theta;
  }

  private static boolean allUsed(int[] labels, int k) {
    boolean[] used = new boolean[k];
    int count = 0;
    for (int l : labels) {
      if (!used[l]) {
        used[l] = true;
        count++;
      }
    }
    return count == k;
  }

  /**
   * A variance no smaller than 1e-10 of the sample's variance of y (and positive): a start must not
   * sit at the unbounded likelihood of a zero variance.
   */
  private static double floor(double v, Block sample) {
    int width = sample.dim();
    double sw = 0;
    double sy = 0;
    double syy = 0;
    for (int i = 0; i < sample.rows(); i++) {
      double y = sample.x()[i * width + width - 1];
      sw += sample.w()[i];
      sy += sample.w()[i] * y;
      syy += sample.w()[i] * y * y;
    }
    double var = sw > 0 ? Math.max(0, syy / sw - (sy / sw) * (sy / sw)) : 0;
    return Math.max(v, Math.max(1e-10 * var, Double.MIN_NORMAL));
  }
}
