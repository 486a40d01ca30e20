package io.sparkem.core;

/**
 * Options that shape a family's model or M-step, as one typed record (the command line and config
 * files map onto it). A family reads the fields that concern it and ignores the rest.
 *
 * @param covariance  gaussian: {@code full}, {@code diag}, {@code tied} or {@code spherical}
 * @param regCovar    gaussian: added to every covariance diagonal, {@code >= 0}
 * @param fixWeights  keep the starting mixing weights in every M-step (every mixture family)
 * @param pseudoCount multinomial: α {@code >= 0} added to every count in the M-step,
 *     p_ja = (S_ja + α) / (Σ_b S_jb + d·α) — the MAP estimate under a symmetric Dirichlet(1 + α)
 *     prior (additive/Laplace smoothing); 0, the default, is the maximum-likelihood estimate
 * @param missing     gaussian: what a missing feature cell means ({@code --missing}); null reads
 *     as {@link MissingValues#FAIL}
 */
public record FamilyOptions(String covariance, double regCovar, boolean fixWeights, double pseudoCount,
    MissingValues missing) {

  public static final double DEFAULT_REG_COVAR = 1e-6;
  public static final double DEFAULT_PSEUDO_COUNT = 0.0;

  public FamilyOptions {
    if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
      throw new IllegalArgumentException("--reg-covar must be a finite number >= 0, got " + regCovar);
    }
    if (!(pseudoCount >= 0) || Double.isInfinite(pseudoCount)) {
      throw new IllegalArgumentException("--pseudo-count must be a finite number >= 0, got " + pseudoCount);
    }
    if (missing == null) {
      missing = MissingValues.FAIL;
    }
  }

  /** Options where a missing cell is bad input. */
  public FamilyOptions(String covariance, double regCovar, boolean fixWeights, double pseudoCount) {
    this(covariance, regCovar, fixWeights, pseudoCount, MissingValues.FAIL);
  }

  /** Options with the default pseudo-count. */
  public FamilyOptions(String covariance, double regCovar, boolean fixWeights) {
    this(covariance, regCovar, fixWeights, DEFAULT_PSEUDO_COUNT, MissingValues.FAIL);
  }

  public static FamilyOptions defaults() {
    return new FamilyOptions("full", DEFAULT_REG_COVAR, false, DEFAULT_PSEUDO_COUNT);
  }

  public FamilyOptions withRegCovar(double reg) {
    return new FamilyOptions(covariance, reg, fixWeights, pseudoCount, missing);
  }

  public FamilyOptions withFixWeights(boolean fix) {
    return new FamilyOptions(covariance, regCovar, fix, pseudoCount, missing);
  }

  public FamilyOptions withCovariance(String type) {
    return new FamilyOptions(type, regCovar, fixWeights, pseudoCount, missing);
  }

  public FamilyOptions withPseudoCount(double alpha) {
    return new FamilyOptions(covariance, regCovar, fixWeights, alpha, missing);
  }

  public FamilyOptions withMissing(MissingValues m) {
    return new FamilyOptions(covariance, regCovar, fixWeights, pseudoCount, m);
  }
}
