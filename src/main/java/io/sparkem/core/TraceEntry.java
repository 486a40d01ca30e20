package io.sparkem.core;

import java.util.OptionalDouble;

/**
 * One pass of a fit as model.json's {@code trace} records it.
 *
 * @param iteration     1-based pass number
 * @param logLikelihood computed in this pass's E-step, under the θ the pass evaluated
 * @param seconds       wall time of the pass (E-step + M-step)
 * @param cost          k-means: the cost of this iteration's assignment step (see {@link
 *     SufficientStats#cost()}); empty for probabilistic families
 * @param accepted      false for a pass whose θ an accelerator rejected (an extrapolation that
 *     lowered the log-likelihood; {@code --accelerate}); accepted entries never decrease
 */
public record TraceEntry(int iteration, double logLikelihood, double seconds, OptionalDouble cost,
    boolean accepted) {

  public TraceEntry {
    cost = cost == null ? OptionalDouble.empty() : cost;
  }

  /** An accepted entry. */
  public TraceEntry(int iteration, double logLikelihood, double seconds, OptionalDouble cost) {
    this(iteration, logLikelihood, seconds, cost, true);
  }

  /** An accepted entry without a cost (probabilistic families). */
  public TraceEntry(int iteration, double logLikelihood, double seconds) {
    this(iteration, logLikelihood, seconds, OptionalDouble.empty(), true);
  }
}
