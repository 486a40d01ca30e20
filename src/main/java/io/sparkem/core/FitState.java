package io.sparkem.core;

import java.util.List;

/**
 * One fit between two passes, as a checkpoint holds it: everything the loop needs to continue
 * exactly where it stopped. The loop has no random state of its own (initialisation is over by
 * then), so θ, the previous pass's totals, the trace and the warnings are all of it.
 *
 * @param theta    the θ the next pass evaluates (or the final θ when {@code result} is set)
 * @param trace    the iterations done
 * @param warnings what the M-steps reported so far
 * @param previous totals of the last pass (null before the first), for the convergence test
 * @param result   the outcome once the fit has stopped, else null
 */
public record FitState<M extends Model>(M theta, List<TraceEntry> trace, List<String> warnings,
    PassSummary previous, FitResult<M> result) {

  public FitState {
    trace = List.copyOf(trace);
    warnings = List.copyOf(warnings);
  }

  /** A fit that has not run yet. */
  public static <M extends Model> FitState<M> start(M theta) {
    return new FitState<>(theta, List.of(), List.of(), null, null);
  }
}
