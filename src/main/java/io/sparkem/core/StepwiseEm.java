package io.sparkem.core;

import java.util.ArrayDeque;

/**
 * The running statistics of one mini-batch fit (stepwise EM, Cappé &amp; Moulines 2009; Liang &amp;
 * Klein 2009). Each batch's statistics ŝ are rescaled to the whole data's total weight W (ŝ·W/W_b,
 * an unbiased estimate of the full pass's statistics under the same θ) and blended:
 * s ← (1 − γ_t)·s + γ_t·ŝ, with γ_t = (t + 2)^(−α) for the t-th blend (t = 1, 2, ...; the first
 * batch initialises s). The M-step then reads s.
 *
 * <p>α = 0.6: any α in (0.5, 1] gives Σγ = ∞ and Σγ² &lt; ∞, the stochastic-approximation conditions
 * for convergence; near 0.5 the early statistics, computed under a poor θ, are forgotten fastest,
 * which is what a run of a few dozen steps needs. Liang &amp; Klein report α in 0.5–0.7 working best.
 *
 * <p>Convergence: the log-likelihood in s is a running estimate of LL(θ) of the whole data, noisy
 * because each step sees a different subset. A fit has settled when, over the last {@code window}
 * steps (one epoch, ⌈1/F⌉ steps, at least 2), its mean per unit weight has not risen more than
 * {@code tol} above the best value it had before them: the change over a window, taken one-sided
 * and against the best so far, so that sampling noise around a plateau does not keep the fit going
 * (the "no improvement" rule of mini-batch k-means, Sculley 2010, as scikit-learn implements it).
 */
public final class StepwiseEm {

  /** The step-size exponent α. */
  public static final double ALPHA = 0.6;

  private final int window;
  private SufficientStats running;
  private int blends;
  /** Mean log-likelihood of s after each of the last {@code window} steps, oldest first. */
  private final ArrayDeque<Double> means = new ArrayDeque<>();
  /** The best mean log-likelihood of s before those steps (−∞ before the first). */
  private double bestBefore = Double.NEGATIVE_INFINITY;

  public StepwiseEm(MiniBatch miniBatch) {
    this.window = Math.max(2, (int) Math.ceil(1 / miniBatch.fraction()));
  }

  /** γ_t for the t-th blend, t ≥ 1. */
  public static double stepSize(int t) {
    return Math.pow(t + 2, -ALPHA);
  }

  /**
   * Blends one batch's statistics (taken over) into the running ones; returns the statistics the
   * M-step reads, or null when the batch held no weight (no block chosen: θ stays).
   *
   * @param dataWeight W, Σ weights of the whole data
   */
  public SufficientStats blend(SufficientStats batch, double dataWeight) {
    if (batch.totalWeight() > 0) {
      double scale = dataWeight / batch.totalWeight();
      if (running == null) {
        running = batch.scale(scale);
      } else {
        double gamma = stepSize(blends);
        // Into the batch: Gaussian statistics are then centred on the current θ's means.
        running = batch.scale(gamma * scale).merge(running.scale(1 - gamma));
      }
      blends++;
    }
    if (running != null) {
      means.addLast(running.logLikelihood() / running.totalWeight());
      if (means.size() > window) {
        bestBefore = Math.max(bestBefore, means.removeFirst());
      }
    }
    return batch.totalWeight() > 0 ? running : null;
  }

  /** The running statistics (null before the first non-empty batch). */
  public SufficientStats running() {
    return running;
  }

  /**
   * Whether the running mean log-likelihood rose by at most {@code tol} over the last window.
   * Never with {@code tol = 0}: a noisy estimate that fails to rise says nothing at that
   * precision, so {@code --tol 0} runs all {@code --max-iter} steps, as it would in full batch.
   */
  public boolean settled(double tol) {
    if (tol <= 0 || means.size() < window || bestBefore == Double.NEGATIVE_INFINITY) {
      return false;
    }
    double best = means.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return best - bestBefore <= tol;
  }
}
