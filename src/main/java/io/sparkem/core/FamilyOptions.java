package io.sparkem.core;

/**
 * Options that shape a family's model or M-step, as one typed record (the command line and config
 * files map onto it). A family reads the fields that concern it and ignores the rest.
 *
 * @param covariance  gaussian: {@code full}, {@code diag}, {@code tied} or {@code spherical}
 * @param regCovar    gaussian: added to every covariance diagonal, {@code >= 0}
 * @param fixWeights  keep the starting mixing weights in every M-step
 */
public record FamilyOptions(String covariance, double regCovar, boolean fixWeights) {

  public static final double DEFAULT_REG_COVAR = 1e-6;

  public FamilyOptions {
    if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
      throw new IllegalArgumentException("--reg-covar must be a finite number >= 0, got " + regCovar);
    }
  }

  public static FamilyOptions defaults() {
    return new FamilyOptions("full", DEFAULT_REG_COVAR, false);
  }

  public FamilyOptions withRegCovar(double reg) {
    return new FamilyOptions(covariance, reg, fixWeights);
  }

  public FamilyOptions withFixWeights(boolean fix) {
    return new FamilyOptions(covariance, regCovar, fix);
  }
}
