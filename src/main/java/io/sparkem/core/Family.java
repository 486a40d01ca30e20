package io.sparkem.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A model family plugged into the one EM loop. A family supplies the E-step of a θ (with its
 * per-iteration constants precomputed), the M-step from merged statistics, and how to build a
 * starting θ from a hard clustering of a sample. Everything else — passes, convergence, restarts,
 * the trace — lives in {@link EmLoop}.
 *
 * <p>What the fit service and the front ends need to know about a family without asking which
 * family it is is a method here: its mixing weights ({@link #weights}), whether its records are
 * symbols it learns from the data ({@link #readsSymbols}, {@link #withAlphabet}), and the fields it
 * adds to model.json after a fit ({@link #writeFitFields}). What it needs from the input (extra
 * columns, sequences) and what it supports is declared in its registry entry
 * ({@code io.sparkem.registry.FamilyEntry}).
 *
 * @param <M> the family's θ
 */
public interface Family<M extends Model> {

  /** The name in model.json and on the command line ({@code gaussian}, {@code poisson}, ...). */
  String name();

  /** Precomputes everything of θ an E-step needs; the result is broadcast once per iteration. */
  EStep eStep(M theta);

  /** θ of the next iteration from the statistics of one pass run with {@code previous}. */
  MStepResult<M> mStep(SufficientStats stats, M previous);

  /**
   * A starting θ from a hard clustering of a sample: {@code labels[i]} in {@code 0..k-1} is the
   * cluster of sample row i. Every label value occurs at least once.
   */
  M fromClustering(Block sample, int[] labels, int k);

  /**
   * A starting θ centred on the given sample rows (one per component), for {@code --init random}.
   */
  default M fromCentres(Block sample, double[][] centres, RandomGenerator rng) {
    int[] labels = NearestCentre.labels(sample, centres);
    return fromClustering(sample, labels, centres.length);
  }

  /**
   * The mixing weights of θ, π_j (length k, summing to 1): the share of the records component j is
   * expected to hold. For a hidden Markov model, the start probabilities.
   */
  double[] weights(M theta);

  /**
   * Whether each record is one categorical symbol, so that the loader collects the distinct
   * symbols of the input (an {@link Alphabet}) and reads each record as a one-hot row; the family
   * is then {@link #withAlphabet bound} to them. False by default.
   */
  default boolean readsSymbols() {
    return false;
  }

  /** This family for data whose symbols are {@code alphabet} (see {@link #readsSymbols}); itself by default. */
  default Family<M> withAlphabet(Alphabet alphabet) {
    return this;
  }

  /** The symbols this family is bound to, when it {@link #readsSymbols reads symbols}. */
  default Optional<Alphabet> alphabet() {
    return Optional.empty();
  }

  /**
   * Adds the fields of a finished fit that belong to this family to model.json's root (a hidden
   * Markov model: the number of sequences); nothing by default. θ's own fields are
   * {@link #writeJson}'s.
   */
  default void writeFitFields(FitResult<M> fit, ObjectNode root) {
  }

  /**
   * A start drawn by the generic method ({@link #fromClustering} of a k-means partition, or
   * {@link #fromCentres}) improved on the same sample with the family's own random draws; the
   * start itself by default. A family whose generic start is weak overrides it (mixtures of
   * regressions: the best of several short EM runs, see {@code RegressionStart}).
   */
  default M improveStart(Block sample, M start, RandomGenerator rng) {
    return start;
  }

  /**
   * The value the loop compares between passes for convergence: by default the mean
   * log-likelihood per unit weight. Hard-assignment families (k-means) override it.
   */
  default boolean converged(SufficientStats previous, SufficientStats current, double tol) {
    double delta = (current.logLikelihood() - previous.logLikelihood()) / current.totalWeight();
    return Math.abs(delta) <= tol;
  }

  /**
   * Values per block row for a model of {@code dimension} features: the features themselves, plus
   * one column the loader appends for families that read more than the features (binomial: the
   * number of trials, from {@code --trials-col} or {@code --trials}).
   */
  default int blockWidth(int dimension) {
    return dimension;
  }

  /**
   * Whether the family's statistics or distances square the values (variances, Gram matrices,
   * squared distances), so that magnitudes from about 1e150 on overflow double precision; the fit
   * service then refuses such data before the fit, naming the column.
   */
  default boolean squaresValues() {
    return false;
  }

  /** The family's rule for valid input records (beyond "finite number"), checked at load time. */
  default RecordCheck recordCheck() {
    return RecordCheck.ANY;
  }

  /**
   * θ ↔ a flat vector in an unconstrained space, for accelerators that extrapolate θ (SQUAREM);
   * empty for a family that has none (the accelerator then refuses to run).
   */
  default Optional<ParameterMap<M>> parameterMap() {
    return Optional.empty();
  }

  /** How to make synthetic data of this family, when it can ({@code submit/em generate}). */
  default Optional<Generative<M>> generator() {
    return Optional.empty();
  }

  /**
   * Statistics read back from model.json's {@code statistics} (what {@link SufficientStats#writeJson}
   * wrote for a fit of this family with θ's shape), for {@code update}. A malformed field is a
   * {@link UserError}; a family whose statistics have no JSON form refuses.
   */
  default SufficientStats readStatistics(JsonNode node, M theta) {
    throw new UserError("family " + name() + " keeps no statistics in model.json");
  }

  /** Writes θ's family fields into model.json's root: {@code components} and e.g. {@code covariance}. */
  void writeJson(M theta, ObjectNode root);

  /** Reads θ back from a model.json root written by {@link #writeJson} (or by hand). */
  M readJson(JsonNode root);

  /** The θ class, to check that a model read from disk belongs to this family. */
  Class<M> modelClass();
}
