package io.sparkem.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one pass over the data leaves of it: the sufficient statistics of one E-step, plus the
 * log-likelihood of the data under the θ the pass ran with.
 *
 * <p>Mutable only inside the fold: a task creates a zero, {@link EStep#accumulate} adds blocks to
 * it, and {@link #merge} combines two tasks' results. Merge must be associative, commutative and
 * safe on zeros (a partition with no rows), so that {@code treeAggregate} may combine in any order.
 */
public interface SufficientStats extends Serializable {

  /** Adds {@code other} into this and returns this. {@code other} is not modified. */
  SufficientStats merge(SufficientStats other);

  /**
   * Multiplies every sum — the family's statistics, the log-likelihood, the total weight — by
   * {@code factor >= 0} and returns this; the record count stays. With {@link #merge} this is what
   * stepwise (mini-batch) EM needs to blend statistics: s ← (1−γ)·s + γ·ŝ ({@link StepwiseEm}).
   * A family whose statistics cannot be blended leaves the default, which refuses.
   */
  default SufficientStats scale(double factor) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be scaled");
  }

  /** Σ weight · log p(record | θ), natural log, normalising constants included. */
  double logLikelihood();

  /** Σ weight over the records folded in. */
  double totalWeight();

  /** Number of records folded in. */
  long records();

  /**
   * The objective of a hard-assignment family besides the log-likelihood — k-means: the weighted
   * sum of squared distances to the nearest centre, model.json's {@code cost} — under the θ of
   * the pass; empty for probabilistic families.
   */
  default OptionalDouble cost() {
    return OptionalDouble.empty();
  }

  /**
   * The records' log-densities this pass collected ({@link EStep#collectingDensities}); empty for a
   * pass that did not collect them.
   */
  default Optional<RecordDensities> densities() {
    return Optional.empty();
  }

  /**
   * Writes these statistics into {@code into} — model.json's {@code statistics}, which {@code update}
   * reads back through {@link Family#readStatistics} exactly (every sum as a JSON number that
   * round-trips). A summary that holds no sums refuses.
   */
  default void writeJson(ObjectNode into) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no JSON form");
  }
}
