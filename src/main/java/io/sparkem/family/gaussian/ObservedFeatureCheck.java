package io.sparkem.family.gaussian;

import io.sparkem.core.RecordCheck;

/**
 * {@code --missing marginalize}: a missing cell (NaN) is valid input, but a record needs at least
 * one observed feature — one with none carries no information and is bad input.
 */
final class ObservedFeatureCheck implements RecordCheck {
  private static final long serialVersionUID = 1L;

  @Override
  public Problem check(double[] x, int off, int d) {
    for (int a = 0; a < d; a++) {
      if (!Double.isNaN(x[off + a])) {
        return null;
      }
    }
    return new Problem(0, "means missing, and every feature of this record is missing "
        + "(--missing marginalize needs at least one observed value per record)");
  }

  @Override
  public boolean allowsMissing() {
    return true;
  }
}
