package io.sparkem.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.MissingValues;
import io.sparkem.core.Model;
import io.sparkem.core.RecordDensities;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import io.sparkem.registry.Capability;
import io.sparkem.registry.Families;
import io.sparkem.spark.SparkSessions;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code score}: a fitted model evaluated on other records without changing it — one pass of the
 * fit's own E-step under the saved θ, collecting every record's log-density
 * ({@link RecordDensities}) with the training data's quantiles as thresholds. The report:
 * <pre>
 *   records, totalWeight            the records read and Σ w
 *   logLikelihood                   Σ w log p(x | θ)
 *   meanLogLikelihood               logLikelihood / totalWeight
 *   logDensityQuantiles             {"0.001", "0.01", "0.05", "0.5"} → quantile of the new log-densities
 *   logDensityRankError             the bound ε on their relative rank error
 *   belowTrainingQuantile           {"0.001", "0.01"} → the weight share of records whose log-density
 *                                   is below the training quantile of that level (counted exactly)
 * </pre>
 */
public final class Scoring {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  private Scoring() {}

  /** Scores {@code records} under {@code saved}; {@code missing} says what a missing cell means. */
  public static ObjectNode score(SparkSession spark, SavedModel saved, Records records, MissingValues missing,
      Wording wording) {
    if (missing != MissingValues.FAIL && !saved.family().supports(Capability.MISSING_VALUES)) {
      throw new UserError(wording.value(Setting.MISSING, missing) + " is for " + wording.name(Setting.FAMILY) + " "
          + String.join(" | ", Families.names(Capability.MISSING_VALUES)) + " only; the model's family is "
          + saved.family());
    }
    Family<?> family = ModelJson.family(saved.root(), saved.where(), missing);
    return score(spark, saved, records, family, wording);
  }

  private static <M extends Model> ObjectNode score(SparkSession spark, SavedModel saved, Records records,
      Family<M> family, Wording wording) {
    M theta = saved.theta(family, wording);
    double[] thresholds = thresholds(saved);
    EStep step = family.eStep(theta).collectingDensities(thresholds).orElseThrow(() -> new UserError(
        saved.where() + ": family '" + family.name() + "' has no density per record to score (k-means has a cost "
            + "instead, a hidden Markov model's records are not independent); use predict"));
    LoadedData data = LoadedData.load(spark, records, family);
    try {
      Starts.checkWidth(family, theta, data.data().width(), saved.where(), wording);
      SufficientStats stats = new SparkStatisticsSource(SparkSessions.context(spark), data.data())
          .pass(List.of(step)).get(0);
      return report(saved, stats, thresholds.length > 0);
    } finally {
      data.release();
    }
  }

  /** The model's training quantiles at {@link DensityQuantiles#BELOW_LEVELS}; none (with a warning) for an older model. */
  private static double[] thresholds(SavedModel saved) {
    try {
      return DensityQuantiles.thresholds(saved.root(), saved.where());
    } catch (UserError e) {
      LOG.warn(e.getMessage() + " (belowTrainingQuantile is left out)");
      return new double[0];
    }
  }

  private static ObjectNode report(SavedModel saved, SufficientStats stats, boolean below) {
    RecordDensities densities = stats.densities().orElseThrow();
    ObjectNode out = ModelJson.MAPPER.createObjectNode();
    out.put("status", "ok");
    out.put("model", saved.where());
    out.put("records", stats.records());
    out.put("totalWeight", stats.totalWeight());
    out.put("logLikelihood", stats.logLikelihood());
    out.put("meanLogLikelihood", stats.logLikelihood() / stats.totalWeight());
    DensityQuantiles.write(out, "logDensityQuantiles", densities);
    if (below) {
      ObjectNode b = out.putObject("belowTrainingQuantile");
      double[] weight = densities.weightBelow();
      for (int i = 0; i < weight.length; i++) {
        b.put(DensityQuantiles.key(DensityQuantiles.BELOW_LEVELS[i]), weight[i] / stats.totalWeight());
      }
    }
    return out;
  }
}
