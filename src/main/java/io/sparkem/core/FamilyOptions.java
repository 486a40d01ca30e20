package io.sparkem.core;

/**
 * Numerical options that shape a family's M-step, as one typed record; a family reads the fields
 * that concern it and ignores the rest. What is particular to one family (a Gaussian's covariance
 * type, an HMM's emission) is that family's own constructor argument, chosen through the registry
 * ({@code io.sparkem.registry}); front ends validate values in their own words before they get here.
 *
 * @param regCovar    gaussian: added to every covariance diagonal, {@code >= 0}
 * @param fixWeights  keep the starting mixing weights in every M-step (every mixture family)
 * @param pseudoCount multinomial: α {@code >= 0} added to every count in the M-step,
 *     p_ja = (S_ja + α) / (Σ_b S_jb + d·α) — the MAP estimate under a symmetric Dirichlet(1 + α)
 *     prior (additive/Laplace smoothing); 0, the default, is the maximum-likelihood estimate
 * @param missing     what a missing feature cell means; null reads as {@link MissingValues#FAIL}
 */
public record FamilyOptions(double regCovar, boolean fixWeights, double pseudoCount, MissingValues missing) {

  public static final double DEFAULT_REG_COVAR = 1e-6;
  public static final double DEFAULT_PSEUDO_COUNT = 0.0;

  public FamilyOptions {
    if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
      throw new IllegalArgumentException("regCovar must be a finite number >= 0, got " + regCovar);
    }
    if (!(pseudoCount >= 0) || Double.isInfinite(pseudoCount)) {
      throw new IllegalArgumentException("pseudoCount must be a finite number >= 0, got " + pseudoCount);
    }
    if (missing == null) {
      missing = MissingValues.FAIL;
    }
  }

  /** Options with the default pseudo-count, where a missing cell is bad input. */
  public FamilyOptions(double regCovar, boolean fixWeights) {
    this(regCovar, fixWeights, DEFAULT_PSEUDO_COUNT, MissingValues.FAIL);
  }

  public static FamilyOptions defaults() {
    return new FamilyOptions(DEFAULT_REG_COVAR, false);
  }

  public FamilyOptions withRegCovar(double reg) {
    return new FamilyOptions(reg, fixWeights, pseudoCount, missing);
  }

  public FamilyOptions withFixWeights(boolean fix) {
    return new FamilyOptions(regCovar, fix, pseudoCount, missing);
  }

  public FamilyOptions withPseudoCount(double alpha) {
    return new FamilyOptions(regCovar, fixWeights, alpha, missing);
  }

  public FamilyOptions withMissing(MissingValues m) {
    return new FamilyOptions(regCovar, fixWeights, pseudoCount, m);
  }
}
