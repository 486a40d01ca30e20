package io.sparkem.cli;

import io.sparkem.core.Accelerator;
import io.sparkem.core.MissingValues;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.hmm.Emission;
import io.sparkem.fit.FitService;
import io.sparkem.fit.FitSettings;
import io.sparkem.fit.Init;
import io.sparkem.fit.Records;
import io.sparkem.fit.SequenceSettings;
import io.sparkem.fit.Wording;
import io.sparkem.registry.FamilyEntry;
import io.sparkem.registry.RecordColumn;
import io.sparkem.spark.InputSpec;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The EM options shared by {@code fit} and {@code select}, as the interface spec names them: a
 * picocli mixin whose fields are typed (picocli converts enums by their command-line names, the
 * family through the registry, {@code --init} through {@link Init#parse}); {@link #settings} and
 * {@link #records} hand them to the fit service, which checks them.
 */
public final class FitOptions {

  @Option(names = "--family", defaultValue = "gaussian", converter = CliTypes.FamilyConverter.class,
      completionCandidates = CliTypes.FamilyNames.class,
      description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; docs/families.md)")
  FamilyEntry family;

  @Option(names = "--covariance", defaultValue = "full", split = ",",
      description = "gaussian (and hmm gaussian emissions): full (default) | diag | tied | spherical; "
          + "select: a list, e.g. full,diag")
  List<CovarianceType> covariance;

  @Option(names = "--max-iter", defaultValue = "100",
      description = "maximum EM iterations (E-step + M-step each); default ${DEFAULT-VALUE}")
  int maxIter;

  @Option(names = "--tol", defaultValue = "1e-6",
      description = "stop when |change of mean log-likelihood per unit weight| <= T; default ${DEFAULT-VALUE}")
  double tol;

  @Option(names = "--init", defaultValue = "kmeans++", converter = CliTypes.InitConverter.class,
      description = "kmeans++ (default) | random | model:PATH (a model.json to start from)")
  Init init;

  @Option(names = "--restarts", defaultValue = "1",
      description = "independent initialisations sharing each pass; the best final log-likelihood wins")
  int restarts;

  @Option(names = "--seed", defaultValue = "42",
      description = "same seed + same data + same partitioning = same model; default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--reg-covar", defaultValue = "1e-6",
      description = "gaussian: added to covariance diagonals; regression: added to each residual variance "
          + "σ_j²; default ${DEFAULT-VALUE}")
  double regCovar;

  @Option(names = "--fix-weights", description = "keep the initial mixing weights")
  boolean fixWeights;

  @Option(names = "--pseudo-count", defaultValue = "0",
      description = "multinomial only: α >= 0 added to every count in the M-step (Laplace smoothing); "
          + "default ${DEFAULT-VALUE} = maximum likelihood")
  double pseudoCount;

  @Option(names = "--checkpoint-dir",
      description = "save θ, iteration, trace and state atomically after every iteration (any Hadoop FS)")
  String checkpointDir;

  @Option(names = "--resume", description = "continue from the last checkpoint in --checkpoint-dir; "
      + "the result equals an uninterrupted run's (with --accelerate squarem: "
      + "a fit that continues monotonically from the last cycle boundary)")
  boolean resume;

  @Option(names = "--accelerate", defaultValue = "none",
      description = "none (default) | squarem: extrapolate θ between passes (SQUAREM); the "
          + "log-likelihood of accepted passes never decreases; iterations then count passes")
  Accelerator accelerate;

  @Option(names = "--trials-col", description = "binomial only: column with the number of trials per record")
  String trialsCol;

  @Option(names = "--trials", defaultValue = "0",
      description = "binomial only: a constant number of trials per record")
  int trials;

  @Option(names = "--label-col",
      description = "regression only: the response column (the features are the covariates)")
  String labelCol;

  @Option(names = "--no-intercept", description = "regression only: no intercept term (default: one is fitted)")
  boolean noIntercept;

  @Option(names = "--sequence-col", description = "hmm only: the column naming the sequence of a record")
  String sequenceCol;

  @Option(names = "--order-col", description = "hmm only: the column ordering records inside a sequence")
  String orderCol;

  @Option(names = "--emission", defaultValue = "gaussian",
      description = "hmm only: gaussian (default; with --covariance) | categorical | poisson | bernoulli")
  Emission emission;

  @Option(names = "--max-sequence-length", defaultValue = "1000000",
      description = "hmm only: the longest sequence (records) one task holds; default ${DEFAULT-VALUE}")
  int maxSequenceLength;

  @Option(names = "--missing", defaultValue = "fail",
      description = "gaussian only: fail (default; an empty or NaN cell is bad input) | marginalize "
          + "(a missing cell is missing at random and is integrated out)")
  MissingValues missing;

  @Option(names = "--mini-batch", defaultValue = "1",
      description = "0 < F <= 1: each step reads a random fraction F of the blocks (stepwise online "
          + "EM, reproducible with --seed), then one full pass scores the result; "
          + "default ${DEFAULT-VALUE} = full batch")
  double miniBatch;

  /** The fit service's settings; {@code fit} takes one covariance type, {@code select} a list. */
  FitSettings settings() {
    return new FitSettings(family, covariance.get(0), emission, regCovar, fixWeights, pseudoCount, missing,
        maxIter, tol, accelerate, miniBatch, init, restarts, seed, checkpointDir, resume, !noIntercept);
  }

  /** {@code fit}'s one covariance type. */
  CovarianceType oneCovariance() {
    if (covariance.size() != 1) {
      throw new UserError("--covariance " + covariance + ": fit takes one covariance type; select compares "
          + "several");
    }
    return covariance.get(0);
  }

  /**
   * The checks that need neither data nor Spark, for each of {@code covariances}: run before Spark
   * starts, so that a bad value is reported at once.
   */
  void check(InputSpec spec, List<CovarianceType> covariances) {
    FitService.check(settings(), Wording.CLI, records(spec), covariances);
  }

  /** What a fit reads: the records, and the model of {@code --init model:PATH} (never an output). */
  List<String> reads(InputSpec spec) {
    return init instanceof Init.FromModel model ? List.of(spec.path(), model.path()) : List.of(spec.path());
  }

  /** The input files, grouped into sequences when the family needs them. */
  Records records(InputSpec spec) {
    return new Records.Files(spec, family.needs(RecordColumn.SEQUENCE)
        ? new SequenceSettings(sequenceCol, orderCol, maxSequenceLength) : null);
  }
}
