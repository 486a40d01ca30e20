package io.sparkem.fit;

import io.sparkem.core.Accelerator;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.MissingValues;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.hmm.Emission;
import io.sparkem.registry.Families;
import io.sparkem.registry.FamilyEntry;
import io.sparkem.registry.FamilySettings;

/**
 * Everything a fit is told, typed: the one record the command line ({@code fit}, {@code select})
 * and the Spark ML estimators build and hand to {@link FitService}. Values are checked by the
 * service, in the caller's {@link Wording}; defaults are the command line's.
 *
 * @param family        the family's registry entry ({@code --family})
 * @param covariance    gaussian, and gaussian emissions: the covariance structure
 * @param emission      hmm: the emission family of the states
 * @param regCovar      added to covariance diagonals, {@code >= 0}
 * @param fixWeights    keep the starting mixing weights
 * @param pseudoCount   multinomial (and categorical emissions): additive smoothing α {@code >= 0}
 * @param missing       what a missing feature cell means
 * @param maxIter       passes that take a step, {@code >= 0}
 * @param tol           convergence tolerance on the mean log-likelihood per unit weight
 * @param accelerate    plain EM or SQUAREM
 * @param miniBatch     the fraction F of the blocks each step reads, in (0, 1]
 * @param init          fresh starts drawn from the data, or a saved model
 * @param restarts      independent starts sharing each pass, {@code >= 1}
 * @param seed          the seed of the starts and of the mini-batch draws
 * @param checkpointDir where every fit's state is saved after every pass, or null
 * @param resume        continue from the checkpoint in {@code checkpointDir}
 */
public record FitSettings(FamilyEntry family, CovarianceType covariance, Emission emission, double regCovar,
    boolean fixWeights, double pseudoCount, MissingValues missing, int maxIter, double tol,
    Accelerator accelerate, double miniBatch, Init init, int restarts, long seed, String checkpointDir,
    boolean resume) {

  public static final int DEFAULT_MAX_ITER = 100;
  public static final double DEFAULT_TOL = 1e-6;
  public static final long DEFAULT_SEED = 42;

  public FitSettings {
    covariance = covariance == null ? CovarianceType.FULL : covariance;
    emission = emission == null ? Emission.GAUSSIAN : emission;
    missing = missing == null ? MissingValues.FAIL : missing;
    accelerate = accelerate == null ? Accelerator.NONE : accelerate;
    init = init == null ? Init.KMEANS_PLUS_PLUS : init;
  }

  /** The command line's defaults for {@code family}. */
  public static FitSettings defaults(FamilyEntry family) {
    return new FitSettings(family, CovarianceType.FULL, Emission.GAUSSIAN, FamilyOptions.DEFAULT_REG_COVAR, false,
        FamilyOptions.DEFAULT_PSEUDO_COUNT, MissingValues.FAIL, DEFAULT_MAX_ITER, DEFAULT_TOL, Accelerator.NONE,
        1.0, Init.KMEANS_PLUS_PLUS, 1, DEFAULT_SEED, null, false);
  }

  /** The command line's defaults for the family called {@code name}. */
  public static FitSettings defaults(String name) {
    return defaults(Families.find(name).orElseThrow(() -> new IllegalArgumentException("no family " + name)));
  }

  /** These settings with another covariance structure ({@code select}'s candidates). */
  public FitSettings withCovariance(CovarianceType type) {
    return new FitSettings(family, type, emission, regCovar, fixWeights, pseudoCount, missing, maxIter, tol,
        accelerate, miniBatch, init, restarts, seed, checkpointDir, resume);
  }

  /** The registry's settings of the family. */
  public FamilySettings familySettings() {
    return new FamilySettings(covariance, emission, new FamilyOptions(regCovar, fixWeights, pseudoCount, missing));
  }
}
