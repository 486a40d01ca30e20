package io.sparkem.core;

/**
 * Options of the EM loop itself (family options live with the family).
 *
 * @param maxIter    maximum number of passes that take a step (E-step + M-step), {@code >= 0}
 * @param tol        stop when |Δ mean log-likelihood per unit weight| between accepted passes is
 *     {@code <= tol}
 * @param accelerate how passes are chained: plain EM or SQUAREM ({@link Accelerator})
 * @param miniBatch  the fraction of the blocks each step reads ({@link MiniBatch}); null reads as
 *     {@link MiniBatch#FULL}
 * @param scoreFinal whether each result must carry the full statistics of its final θ and the
 *     records' log-densities under it ({@link SufficientStats#densities}), for model.json's
 *     {@code statistics} and {@code logDensityQuantiles}: the loop collects them in the pass it
 *     expects to be the last (see {@link EmLoop}), and runs one more pass of the final θ for a fit
 *     whose last pass did not
 */
public record EmOptions(int maxIter, double tol, Accelerator accelerate, MiniBatch miniBatch, boolean scoreFinal) {

  public static final int DEFAULT_MAX_ITER = 100;
  public static final double DEFAULT_TOL = 1e-6;

  public EmOptions {
    if (maxIter < 0) {
      throw new IllegalArgumentException("--max-iter must be >= 0, got " + maxIter);
    }
    if (!(tol >= 0) || Double.isInfinite(tol)) {
      throw new IllegalArgumentException("--tol must be a finite number >= 0, got " + tol);
    }
    if (accelerate == null) {
      accelerate = Accelerator.NONE;
    }
    if (miniBatch == null) {
      miniBatch = MiniBatch.FULL;
    }
    if (!miniBatch.isFull() && accelerate != Accelerator.NONE) {
      throw new IllegalArgumentException("--mini-batch cannot be combined with --accelerate "
          + accelerate.cliName() + " (an extrapolation needs exact passes); drop one of them");
    }
  }

  /** Without final scoring. */
  public EmOptions(int maxIter, double tol, Accelerator accelerate, MiniBatch miniBatch) {
    this(maxIter, tol, accelerate, miniBatch, false);
  }

  /** Full-batch EM chained by {@code accelerate}. */
  public EmOptions(int maxIter, double tol, Accelerator accelerate) {
    this(maxIter, tol, accelerate, MiniBatch.FULL);
  }

  /** Plain EM. */
  public EmOptions(int maxIter, double tol) {
    this(maxIter, tol, Accelerator.NONE);
  }

  public static EmOptions defaults() {
    return new EmOptions(DEFAULT_MAX_ITER, DEFAULT_TOL);
  }

  public EmOptions withAccelerate(Accelerator a) {
    return new EmOptions(maxIter, tol, a, miniBatch, scoreFinal);
  }

  public EmOptions withMiniBatch(MiniBatch m) {
    return new EmOptions(maxIter, tol, accelerate, m, scoreFinal);
  }

  public EmOptions withScoreFinal(boolean score) {
    return new EmOptions(maxIter, tol, accelerate, miniBatch, score);
  }
}
