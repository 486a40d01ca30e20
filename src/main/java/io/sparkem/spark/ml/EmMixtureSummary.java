package io.sparkem.spark.ml;

import java.io.Serializable;
import java.util.List;

/**
 * What a fit reports, read from its model.json.
 *
 * @param logLikelihood total weighted log-likelihood of the data under the final θ
 * @param trace         the log-likelihood computed in each iteration's E-step
 * @param iterations    EM iterations (passes over the data)
 * @param converged     whether the change fell to {@code tol} before {@code maxIter}
 * @param bic           -2·LL + parameters·ln(total weight)
 * @param aic           -2·LL + 2·parameters
 * @param parameters    free parameters of the model
 * @param records       records fitted
 * @param logDensityQuantiles level ("0.001", "0.01", "0.05", "0.5") → quantile of the training records'
 *     log-density under the final θ (empty for k-means)
 * @param logDensityRankError the bound ε on their relative rank error
 */
public record EmMixtureSummary(double logLikelihood, List<Double> trace, int iterations, boolean converged,
    double bic, double aic, int parameters, long records, java.util.Map<String, Double> logDensityQuantiles,
    double logDensityRankError) implements Serializable {

  public EmMixtureSummary {
    trace = List.copyOf(trace);
    logDensityQuantiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(logDensityQuantiles));
  }
}
