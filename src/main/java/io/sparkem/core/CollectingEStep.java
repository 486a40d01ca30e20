package io.sparkem.core;

/**
 * A mixture's E-step that also collects every record's log-density into its statistics
 * ({@link MixtureStats#noteLogDensity}, {@link RecordDensities}): the same E-step, whose zero
 * carries a collector. The E-step code itself notes each record's log-sum-exp as it computes it,
 * so the statistics are bit for bit those of the plain E-step. Made by
 * {@link EStep#collectingDensities}; used for the pass that scores a fit's final θ and by
 * {@code score}.
 */
final class CollectingEStep implements EStep {

  private static final long serialVersionUID = 1L;

  private final EStep inner;
  private final double[] thresholds;

  CollectingEStep(EStep inner, double[] thresholds) {
    this.inner = inner;
    this.thresholds = thresholds.clone();
  }

  @Override
  public SufficientStats zero() {
    MixtureStats s = (MixtureStats) inner.zero();
    s.collectDensities(thresholds);
    return s;
  }

  @Override
  public void accumulate(Block block, SufficientStats into) {
    inner.accumulate(block, into);
  }
}
