package io.sparkem.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.MissingValues;
import io.sparkem.core.Model;
import io.sparkem.core.PassSummary;
import io.sparkem.core.SufficientStats;
import io.sparkem.spark.SparkSessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * model.json of a finished candidate, written in one place for every front end: θ and the fit's
 * numbers ({@link ModelJson#of}), then how the loop ran ({@code accelerate}, {@code miniBatch},
 * {@code recordsRead}, {@code missing}), the family's own fields ({@link Family#writeFitFields}),
 * the extra columns of the records ({@link Records#writeColumns}), the provenance, and what the
 * pass of the final θ left: {@code logDensityQuantiles} ({@link DensityQuantiles}) and
 * {@code statistics} ({@link io.sparkem.core.SufficientStats#writeJson}).
 */
final class FitDocument {

  private FitDocument() {}

  static <M extends Model> ObjectNode of(SparkSession spark, FitSettings settings, LoadedData data,
      Family<M> family, FitResult<M> best, List<FitResult<M>> restarts) {
    ObjectNode json = ModelJson.of(family, best, data.data().features(), data.data().skipped(),
        provenance(spark, settings, data, restarts));
    json.put("accelerate", settings.accelerate().cliName());
    json.put("miniBatch", settings.miniBatch());
    json.put("recordsRead", best.recordsRead());
    if (settings.missing() != MissingValues.FAIL) {
      json.put("missing", settings.missing().cliName());
      json.put("missingCells", data.data().missingCells());
    }
    family.writeFitFields(best, json);
    data.records().writeColumns(json);
    writeFinalScore(json, best);
    return json;
  }

  /**
   * {@code logDensityQuantiles} (and their rank error) and {@code statistics}, from the statistics
   * of the final θ's pass (with an update's prior merged in), where the family has them.
   */
  static void writeFinalScore(ObjectNode json, FitResult<?> best) {
    SufficientStats last = best.finalStats();
    if (last == null || last instanceof PassSummary) {
      return;
    }
    last.densities().ifPresent(d -> DensityQuantiles.write(json, "logDensityQuantiles", d));
    ObjectNode statistics = json.objectNode();
    try {
      last.writeJson(statistics);
    } catch (UnsupportedOperationException e) {
      return; // a family whose statistics have no JSON form
    }
    json.set("statistics", statistics);
  }

  /** The options, seed, input, versions and partitions: what it takes to run the fit again. */
  private static Map<String, Object> provenance(SparkSession spark, FitSettings settings, LoadedData data,
      List<? extends FitResult<?>> restarts) {
    Map<String, Object> p = new LinkedHashMap<>();
    data.records().describe(p);
    p.put("seed", settings.seed());
    p.put("init", settings.init().toString());
    p.put("restarts", settings.restarts());
    p.put("restartLogLikelihoods", restarts.stream().map(FitResult::logLikelihood).toList());
    p.put("maxIter", settings.maxIter());
    p.put("tol", settings.tol());
    p.put("regCovar", settings.regCovar());
    p.put("fixWeights", settings.fixWeights());
    p.put("pseudoCount", settings.pseudoCount());
    p.put("weightCol", data.records().weightCol());
    p.put("sparkVersion", SparkSessions.version(spark));
    p.put("emVersion", emVersion());
    p.put("partitions", data.data().blocks().getNumPartitions());
    return p;
  }

  /** spark-em's version from the jar's manifest ("dev" when run from classes). */
  static String emVersion() {
    String v = FitDocument.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
