package io.sparkem.registry;

/**
 * What a family supports beyond the EM loop every family runs. Help texts list the families of a
 * capability, validation refuses an option whose capability the family lacks, and the Spark ML
 * estimator accepts the families that have {@link #SPARK_ML}. {@code FamiliesTest} checks the
 * declarations against the families themselves (a generator where {@link #GENERATE} is declared,
 * a likelihood where {@link #LIKELIHOOD} is).
 */
public enum Capability {
  /** A likelihood, so BIC and AIC mean something: {@code select} compares it (k-means has a cost instead). */
  LIKELIHOOD,
  /** The covariance structures full, diag, tied and spherical ({@code --covariance}). */
  COVARIANCE_TYPES,
  /** Additive smoothing of the M-step ({@code --pseudo-count}). */
  PSEUDO_COUNT,
  /** Missing feature cells integrated out ({@code --missing marginalize}). */
  MISSING_VALUES,
  /** Stepwise online EM on a fraction of the blocks per step ({@code --mini-batch}). */
  MINI_BATCH,
  /** Records that are one feature vector each, fitted by the Spark ML estimator {@code EmMixture}. */
  SPARK_ML,
  /** Synthetic data drawn from a random well-separated θ ({@code submit/em generate}). */
  GENERATE,
  /**
   * Statistics of independent records that blend with those of other data ({@code submit/em update},
   * the estimators' {@code initialModel}): model.json's {@code statistics} read back, scaled and
   * merged into each M-step.
   */
  UPDATE
}
