package io.sparkem.fit;

import io.sparkem.core.Family;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.spark.ColumnRanges;
import java.util.ArrayList;
import java.util.List;

/**
 * What the loaded data say about the fit before and after it runs, from the column ranges (one
 * job over the cache) and the counts. Before: values whose squares overflow double precision are
 * refused with the column's name (otherwise a covariance or a distance turns infinite and the fit
 * fails with a misleading message, or none). After: data that cannot support the model are
 * warned about in model.json's {@code warnings} (and in the log) — more free parameters than
 * records, a single record, a constant feature column, sequences that are all of length 1.
 */
final class DataChecks {

  /**
   * Magnitudes from here on overflow in sums of squares: (10^150)² = 10^300, and a sum over
   * 10^8 such records reaches the largest double, 1.8·10^308.
   */
  static final double OVERFLOW = 1e150;

  private final LoadedData data;
  private final ColumnRanges ranges;
  private final Wording wording;

  private DataChecks(LoadedData data, ColumnRanges ranges, Wording wording) {
    this.data = data;
    this.ranges = ranges;
    this.wording = wording;
  }

  /** The checks of loaded data (one job over the cache for the column ranges). */
  static DataChecks of(LoadedData data, Wording wording) {
    return new DataChecks(data, ColumnRanges.of(data.data()), wording);
  }

  /** Whether these are the checks of {@code other}. */
  boolean of(LoadedData other) {
    return data == other;
  }

  /** Refuses data whose values overflow in {@code family}'s sums of squares. */
  void beforeFit(Family<?> family) {
    if (!family.squaresValues()) {
      return;
    }
    List<String> features = data.data().features();
    for (int c = 0; c < features.size(); c++) {
      double magnitude = ranges.maxAbs(c);
      if (Double.isFinite(magnitude) && magnitude >= OVERFLOW) { // ∞: every cell of the column missing
        double v = Math.abs(ranges.min()[c]) >= Math.abs(ranges.max()[c]) ? ranges.min()[c] : ranges.max()[c];
        throw new UserError(data.records().where() + "the data overflow: column '" + features.get(c) + "' holds "
            + v + ", and the fit squares the values (variances, distances), which overflows double precision "
            + "from magnitudes of about 1e150 on; rescale the column (divide it by a power of ten) and fit again");
      }
    }
  }

  /** The warnings the data give about the fitted {@code theta}. */
  List<String> warnings(Family<?> family, Model theta) {
    List<String> out = new ArrayList<>();
    long n = data.data().records();
    if (n == 1) {
      out.add("the data hold a single record: the model can only describe that one point");
    }
    int parameters = theta.freeParameters();
    if (parameters > n) {
      out.add("the model has " + parameters + " free parameters but the data only " + n + " record"
          + (n == 1 ? "" : "s") + ": more unknowns than observations, so the data do not determine the fit; "
          + "lower " + wording.name(Setting.K) + (fewerCovarianceParameters(family, theta) ? ", or use a covariance "
              + "with fewer parameters (" + wording.value(Setting.COVARIANCE, "diag") + " or spherical)" : "")
          + ", or fit more data");
    }
    List<String> features = data.data().features();
    for (int c = 0; c < features.size() && n > 1; c++) {
      if (ranges.constant(c)) {
        out.add("feature '" + features.get(c) + "' has the same value (" + ranges.min()[c] + ") in every "
            + "record: it cannot tell components apart" + (family instanceof GaussianFamily
                ? ", and its variance is only " + wording.name(Setting.REG_COVAR) : "")
            + "; leave it out of " + wording.name(Setting.FEATURES));
      }
    }
    if (data.sequences() > 0 && data.sequences() == n && n > 1) {
      out.add("every sequence has length 1: no transition between records was observed, so the "
          + "transition probabilities stay at their starting values; check " + wording.name(Setting.SEQUENCE_COL)
          + " and " + wording.name(Setting.ORDER_COL));
    }
    return out;
  }

  /** Whether a diagonal or spherical covariance would have fewer parameters: full ones in d > 1 dimensions. */
  private static boolean fewerCovarianceParameters(Family<?> family, Model theta) {
    return family instanceof GaussianFamily g && g.shape().type() == CovarianceType.FULL && theta.dimension() > 1;
  }
}
