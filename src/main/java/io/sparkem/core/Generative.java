package io.sparkem.core;

import java.util.random.RandomGenerator;

/**
 * A family that can make synthetic data: a random, well-separated θ and records drawn from it
 * ({@code submit/em generate}, tests and benchmarks that need no shipped data).
 */
public interface Generative<M extends Model> {

  /** A random k-component θ in d dimensions whose components are well separated. */
  M randomTruth(int k, int d, RandomGenerator rng);

  /** A sampler of θ with its per-component constants (Cholesky factors, ...) precomputed. */
  Sampler sampler(M theta);

  /** Draws records from a fixed θ; shipped to the executors, so serializable and immutable. */
  interface Sampler extends java.io.Serializable {
    /** Values per record as the family reads blocks: the features, plus the trials for binomial. */
    int width();

    /** Draws one record from component {@code j} into {@code out[0..width)}. */
    void draw(int j, RandomGenerator rng, double[] out);
  }

  /** Names of the generated columns, in block order. */
  default java.util.List<String> columnNames(M theta) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int a = 1; a <= theta.dimension(); a++) {
      names.add("x" + a);
    }
    return names;
  }

  /** The mixing weights of θ (which component a record comes from). */
  double[] weights(M theta);

  /**
   * This generator drawing records of the given sizes; families whose records carry a count
   * override it (binomial: the trials, multinomial: the mean total), the others ignore it.
   */
  default Generative<M> withSizes(Sizes sizes) {
    return this;
  }

  /**
   * Extra top-level fields of PATH.truth.json that {@code fit} writes for such data too (binomial:
   * {@code "trialsCol": "trials"}, the column to pass as {@code --trials-col}); empty by default.
   */
  default java.util.Map<String, Object> truthFields(M theta) {
    return java.util.Map.of();
  }

  /**
   * Per-record sizes of the count families' records.
   *
   * @param trials binomial: the number of trials of every record, {@code >= 1}
   * @param total  multinomial: the mean number of counts per record (Poisson-distributed), {@code >= 1}
   */
  record Sizes(int trials, int total) implements java.io.Serializable {

    public static final Sizes DEFAULT = new Sizes(20, 50);

    public Sizes {
      if (trials < 1 || total < 1) {
        throw new UserError("--trials and --total must be >= 1, got " + trials + " and " + total);
      }
    }
  }
}
