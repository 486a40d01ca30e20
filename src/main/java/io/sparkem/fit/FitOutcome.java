package io.sparkem.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;

/**
 * What one candidate's fit leaves: model.json, the best restart's result (the headline numbers),
 * and the family it was fitted with (bound to the data), for whoever presents it.
 *
 * @param modelJson model.json, complete: θ, the fit's numbers, its fields, provenance
 * @param best      the restart with the highest final log-likelihood
 * @param family    the family of {@code best.model()}
 */
public record FitOutcome(ObjectNode modelJson, FitResult<?> best, Family<?> family) {}
