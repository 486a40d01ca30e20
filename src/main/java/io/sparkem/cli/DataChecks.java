package io.sparkem.cli;

import io.sparkem.core.Family;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.family.kmeans.KMeansFamily;
import io.sparkem.spark.ColumnRanges;
import io.sparkem.spark.SparkData;
import java.util.ArrayList;
import java.util.List;

/**
 * What the loaded data say about the fit before and after it runs, from the column ranges (one
 * job over the cache) and the counts. Before: values whose squares overflow double precision are
 * refused with the column's name (otherwise a covariance or a distance turns infinite and the fit
 * fails with a misleading message, or none). After: data that cannot support the model are
 * warned about in model.json's {@code warnings} and on stderr — more free parameters than
 * records, a single record, a constant feature column, sequences that are all of length 1.
 */
final class DataChecks {

  /**
   * Magnitudes from here on overflow in sums of squares: (10^150)² = 10^300, and a sum over
   * 10^8 such records reaches the largest double, 1.8·10^308.
   */
  static final double OVERFLOW = 1e150;

  private final SparkData data;
  private final ColumnRanges ranges;
  /** Number of sequences (hmm), or -1 for independent records. */
  private final long sequences;
  private final String input;

  private DataChecks(SparkData data, ColumnRanges ranges, long sequences, String input) {
    this.data = data;
    this.ranges = ranges;
    this.sequences = sequences;
    this.input = input;
  }

  /** The checks of loaded data; {@code sequences} is -1 for mixtures. */
  static DataChecks of(SparkData data, long sequences, String input) {
    return new DataChecks(data, ColumnRanges.of(data), sequences, input);
  }

  /** Refuses data whose values overflow in {@code family}'s sums of squares. */
  void beforeFit(Family<?> family) {
    if (!squares(family)) {
      return;
    }
    List<String> features = data.features();
    for (int c = 0; c < features.size(); c++) {
      if (Double.isFinite(ranges.maxAbs(c)) && ranges.maxAbs(c) >= OVERFLOW) { // ∞: every cell missing
        double v = Math.abs(ranges.min()[c]) >= Math.abs(ranges.max()[c]) ? ranges.min()[c] : ranges.max()[c];
        throw new UserError(input + ": the data overflow: column '" + features.get(c) + "' holds " + v
            + ", and the fit squares the values (variances, distances), which overflows double precision "
            + "from magnitudes of about 1e150 on; rescale the column (divide it by a power of ten) and fit again");
      }
    }
  }

  /** The warnings the data give about the fitted {@code theta}. */
  List<String> warnings(Family<?> family, Model theta) {
    List<String> out = new ArrayList<>();
    long n = data.records();
    if (n == 1) {
      out.add("the data hold a single record: the model can only describe that one point");
    }
    int parameters = theta.freeParameters();
    if (parameters > n) {
      out.add("the model has " + parameters + " free parameters but the data only " + n + " record"
          + (n == 1 ? "" : "s") + ": more unknowns than observations, so the data do not determine the fit; "
          + "lower --k" + (family instanceof GaussianFamily ? ", or use a covariance with fewer parameters "
          + "(--covariance diag or spherical)" : "") + ", or fit more data");
    }
    List<String> features = data.features();
    for (int c = 0; c < features.size() && n > 1; c++) {
      if (ranges.constant(c)) {
        out.add("feature '" + features.get(c) + "' has the same value (" + ranges.min()[c] + ") in every "
            + "record: it cannot tell components apart" + (family instanceof GaussianFamily
                ? ", and its variance is only --reg-covar" : "") + "; leave it out with --features");
      }
    }
    if (sequences > 0 && sequences == n && n > 1) {
      out.add("every sequence has length 1: no transition between records was observed, so the "
          + "transition probabilities stay at their starting values; check --sequence-col and --order-col");
    }
    return out;
  }

  /** Families whose statistics or distances square the values. */
  private static boolean squares(Family<?> family) {
    if (family instanceof HmmFamily<?> hmm) {
      return squares(hmm.emissionFamily());
    }
    return family instanceof GaussianFamily || family instanceof KMeansFamily;
  }
}
