package io.sparkem.core;

import java.util.OptionalDouble;

/**
 * One EM iteration as model.json's {@code trace} records it.
 *
 * @param iteration     1-based iteration number
 * @param logLikelihood computed in this iteration's E-step, under the θ the iteration started from
 * @param seconds       wall time of the iteration (pass + M-step)
 * @param cost          k-means: the cost of this iteration's assignment step (see {@link
 *     SufficientStats#cost()}); empty for probabilistic families
 */
public record TraceEntry(int iteration, double logLikelihood, double seconds, OptionalDouble cost) {

  public TraceEntry {
    cost = cost == null ? OptionalDouble.empty() : cost;
  }

  /** An entry without a cost (probabilistic families). */
  public TraceEntry(int iteration, double logLikelihood, double seconds) {
    this(iteration, logLikelihood, seconds, OptionalDouble.empty());
  }
}
