package io.sparkem.spark.ml;

import java.io.Serializable;
import java.util.Map;

/**
 * What {@link EmMixtureModel#score} found: the fitted model evaluated on other records, as
 * {@code submit/em score} reports it (docs/pipeline.md).
 *
 * @param records               rows scored
 * @param totalWeight           Σ weights
 * @param logLikelihood         Σ w log p(x | θ)
 * @param meanLogLikelihood     logLikelihood / totalWeight
 * @param logDensityQuantiles   level ("0.001", "0.01", "0.05", "0.5") → quantile of the rows' log-density
 * @param logDensityRankError   the bound ε on the quantiles' relative rank error
 * @param belowTrainingQuantile level ("0.001", "0.01") → weight share of rows below the training quantile
 * @param json                  the report as {@code submit/em score} prints it
 */
public record EmMixtureScore(long records, double totalWeight, double logLikelihood, double meanLogLikelihood,
    Map<String, Double> logDensityQuantiles, double logDensityRankError, Map<String, Double> belowTrainingQuantile,
    String json) implements Serializable {

  public EmMixtureScore {
    logDensityQuantiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(logDensityQuantiles));
    belowTrainingQuantile = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(belowTrainingQuantile));
  }
}
