package io.sparkem.cli;

import picocli.CommandLine.Option;

/**
 * The EM options shared by {@code fit} (and later {@code select}), as the interface spec names
 * them. A picocli mixin: parsing happens here, validation in {@link FitJob}.
 */
public final class FitOptions {

  @Option(names = "--family", defaultValue = "gaussian",
      description = "gaussian (default) | bernoulli | binomial | poisson | multinomial | kmeans | hmm")
  String family;

  @Option(names = "--covariance", defaultValue = "full",
      description = "gaussian only: full (default) | diag | tied | spherical")
  String covariance;

  @Option(names = "--max-iter", defaultValue = "100",
      description = "maximum EM iterations (E-step + M-step each); default ${DEFAULT-VALUE}")
  int maxIter;

  @Option(names = "--tol", defaultValue = "1e-6",
      description = "stop when |change of mean log-likelihood per unit weight| <= T; default ${DEFAULT-VALUE}")
  double tol;

  @Option(names = "--init", defaultValue = "kmeans++",
      description = "kmeans++ (default) | random | model:PATH (a model.json to start from)")
  String init;

  @Option(names = "--restarts", defaultValue = "1",
      description = "independent initialisations sharing each pass; the best final log-likelihood wins")
  int restarts;

  @Option(names = "--seed", defaultValue = "42",
      description = "same seed + same data + same partitioning = same model; default ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--reg-covar", defaultValue = "1e-6",
      description = "gaussian only: added to covariance diagonals; default ${DEFAULT-VALUE}")
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
  String accelerate;

  @Option(names = "--trials-col", description = "binomial only: column with the number of trials per record")
  String trialsCol;

  @Option(names = "--trials", defaultValue = "0",
      description = "binomial only: a constant number of trials per record")
  int trials;

  @Option(names = "--sequence-col", description = "hmm only: the column naming the sequence of a record")
  String sequenceCol;

  @Option(names = "--order-col", description = "hmm only: the column ordering records inside a sequence")
  String orderCol;

  @Option(names = "--emission", defaultValue = "gaussian",
      description = "hmm only: gaussian (default; with --covariance) | categorical | poisson | bernoulli")
  String emission;

  @Option(names = "--max-sequence-length", defaultValue = "1000000",
      description = "hmm only: the longest sequence (records) one task holds; default ${DEFAULT-VALUE}")
  int maxSequenceLength;

  @Option(names = "--missing", defaultValue = "fail",
      description = "gaussian only: fail (default; an empty or NaN cell is bad input) | marginalize "
          + "(a missing cell is missing at random and is integrated out)")
  String missing;

  @Option(names = "--mini-batch", defaultValue = "1",
      description = "0 < F <= 1: each step reads a random fraction F of the blocks (stepwise online "
          + "EM, reproducible with --seed), then one full pass scores the result; "
          + "default ${DEFAULT-VALUE} = full batch")
  double miniBatch;
}
