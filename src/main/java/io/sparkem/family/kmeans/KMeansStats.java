package io.sparkem.family.kmeans;

import io.sparkem.family.ColumnSums;
import java.util.OptionalDouble;

/**
 * {@link ColumnSums} of a hard assignment (N_j = weight of cluster j, S_j = Σ w_i x_i over its
 * records), whose log-likelihood is −cost: the cost is reported as such.
 */
final class KMeansStats extends ColumnSums {

  private static final long serialVersionUID = 1L;

  KMeansStats(int k, int width) {
    super(k, width);
  }

  /** Σ_i w_i min_j ‖x_i − μ_j‖² under the θ of the pass. */
  @Override
  public OptionalDouble cost() {
    return OptionalDouble.of(0.0 - logLikelihood());
  }
}
