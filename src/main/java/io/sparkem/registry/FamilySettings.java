package io.sparkem.registry;

import io.sparkem.core.FamilyOptions;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.hmm.Emission;

/**
 * The typed options a registry entry builds its family from; each family reads what concerns it.
 *
 * @param covariance gaussian (and gaussian emissions): the covariance structure
 * @param emission   hmm: the emission family of the states
 * @param options    the numerical M-step options ({@code regCovar}, {@code fixWeights},
 *     {@code pseudoCount}, {@code missing})
 */
public record FamilySettings(CovarianceType covariance, Emission emission, FamilyOptions options) {

  public FamilySettings {
    covariance = covariance == null ? CovarianceType.FULL : covariance;
    emission = emission == null ? Emission.GAUSSIAN : emission;
    options = options == null ? FamilyOptions.defaults() : options;
  }

  /** Full covariances, gaussian emissions, the default M-step options. */
  public static FamilySettings defaults() {
    return new FamilySettings(CovarianceType.FULL, Emission.GAUSSIAN, FamilyOptions.defaults());
  }

  public FamilySettings withCovariance(CovarianceType type) {
    return new FamilySettings(type, emission, options);
  }

  public FamilySettings withEmission(Emission kind) {
    return new FamilySettings(covariance, kind, options);
  }

  public FamilySettings withOptions(FamilyOptions o) {
    return new FamilySettings(covariance, emission, o);
  }
}
