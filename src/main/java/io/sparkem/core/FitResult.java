package io.sparkem.core;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The outcome of one EM run.
 *
 * @param model         the final θ
 * @param logLikelihood total weighted log-likelihood of the data under the final θ
 * @param finalStats    the statistics of the last pass (under the final θ)
 * @param records       records the pass read
 * @param totalWeight   Σ record weights
 * @param iterations    EM iterations done (E-step + M-step each)
 * @param converged     whether the tolerance was met before {@code maxIter}
 * @param trace         one entry per iteration
 * @param warnings      what the M-steps had to handle deliberately, without repeats
 * @param recordsRead   records whose E-step ran for this fit: passes × records for full-batch EM,
 *     the records of every mini-batch step plus one full pass with {@code --mini-batch}
 */
public record FitResult<M extends Model>(
    M model,
    double logLikelihood,
    SufficientStats finalStats,
    long records,
    double totalWeight,
    int iterations,
    boolean converged,
    List<TraceEntry> trace,
    List<String> warnings,
    long recordsRead) {

  public FitResult {
    trace = List.copyOf(trace);
    warnings = List.copyOf(warnings);
  }

  /** A result whose reads are not counted: one pass per iteration plus the final one. */
  public FitResult(M model, double logLikelihood, SufficientStats finalStats, long records,
      double totalWeight, int iterations, boolean converged, List<TraceEntry> trace,
      List<String> warnings) {
    this(model, logLikelihood, finalStats, records, totalWeight, iterations, converged, trace, warnings,
        records * (iterations + 1L));
  }

  /**
   * This result with the statistics of one more pass of its final θ ({@code stats}: the same sums,
   * now with what that pass collected), which read {@code moreRecords} records.
   */
  public FitResult<M> withFinalStats(SufficientStats stats, long moreRecords) {
    return new FitResult<>(model, logLikelihood, stats, records, totalWeight, iterations, converged, trace, warnings,
        recordsRead + moreRecords);
  }

  /** -2·LL + parameters·ln(totalWeight); lower is better (scikit-learn's sign). */
  public double bic() {
    return -2 * logLikelihood + model.freeParameters() * Math.log(totalWeight);
  }

  /** The final cost of a hard-assignment family (k-means, model.json's {@code cost}); else empty. */
  public OptionalDouble cost() {
    return finalStats == null ? OptionalDouble.empty() : finalStats.cost();
  }

  /** -2·LL + 2·parameters; lower is better. */
  public double aic() {
    return -2 * logLikelihood + 2.0 * model.freeParameters();
  }
}
