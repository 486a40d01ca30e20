package io.sparkem.core;

import java.util.OptionalDouble;

/**
 * The totals of a pass without the family's sums: what the convergence test needs of the previous
 * pass, small enough to keep and to checkpoint.
 */
public record PassSummary(double logLikelihood, double totalWeight, long records, OptionalDouble cost)
    implements SufficientStats {

  private static final long serialVersionUID = 1L;

  public PassSummary {
    cost = cost == null ? OptionalDouble.empty() : cost;
  }

  public static PassSummary of(SufficientStats stats) {
    return new PassSummary(stats.logLikelihood(), stats.totalWeight(), stats.records(), stats.cost());
  }

  /** A summary holds no sums to merge. */
  @Override
  public SufficientStats merge(SufficientStats other) {
    throw new UnsupportedOperationException("a pass summary cannot be merged");
  }
}
