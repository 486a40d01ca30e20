package io.sparkem.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.RecordDensities;
import io.sparkem.core.UserError;

/**
 * model.json's {@code logDensityQuantiles}: the quantiles at {@link #LEVELS} of the training
 * records' log-density log p(x | θ) under the final θ (weighted by the record weights), read from
 * the {@link io.sparkem.math.QuantileSketch} the fit's last pass filled, with
 * {@code logDensityRankError}, the sketch's own bound ε on their relative rank error (the true
 * weighted rank of the q-quantile reported lies within ε of q; ε ≤ 0.001 by construction).
 * {@code score} compares new records with them ({@link #BELOW_LEVELS}).
 */
public final class DensityQuantiles {

  /** The levels model.json and score report, as the contract names them. */
  public static final double[] LEVELS = {0.001, 0.01, 0.05, 0.5};
  /** The levels whose training quantiles score counts new records below. */
  public static final double[] BELOW_LEVELS = {0.001, 0.01};

  private DensityQuantiles() {}

  /** The key of level q: "0.001", "0.01", ... */
  public static String key(double level) {
    return Double.toString(level);
  }

  /** Writes {@code field} (an object level → quantile) and {@code logDensityRankError} into {@code root}. */
  public static void write(ObjectNode root, String field, RecordDensities densities) {
    if (!(densities.sketch().weight() > 0)) {
      return;
    }
    double[] q = densities.sketch().quantiles(LEVELS);
    ObjectNode o = root.putObject(field);
    for (int i = 0; i < LEVELS.length; i++) {
      o.put(key(LEVELS[i]), q[i]);
    }
    root.put("logDensityRankError", densities.sketch().relativeErrorBound());
  }

  /**
   * The training quantiles at {@link #BELOW_LEVELS} from a model.json root; a model without them
   * (written before they existed, or by hand) is a user error naming {@code where}.
   */
  public static double[] thresholds(JsonNode root, String where) {
    JsonNode q = root.path("logDensityQuantiles");
    double[] t = new double[BELOW_LEVELS.length];
    for (int i = 0; i < t.length; i++) {
      JsonNode v = q.path(key(BELOW_LEVELS[i]));
      if (!v.isNumber()) {
        throw new UserError(where + ": the model has no logDensityQuantiles (it was written before they existed, "
            + "or by hand); fit it again with this version to score against it");
      }
      t[i] = v.asDouble();
    }
    return t;
  }
}
