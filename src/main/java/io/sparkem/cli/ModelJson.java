package io.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.Model;
import io.sparkem.core.TraceEntry;
import io.sparkem.core.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * model.json, the contract's format (shared/spec/model.schema.json): what {@code fit} writes and
 * what {@code --init model:PATH} and {@code predict --model} read.
 */
public final class ModelJson {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  /**
   * The model.json of a fit.
   *
   * @param provenance extra top-level fields: options, seed, input, versions
   */
  public static <M extends Model> ObjectNode of(Family<M> family, FitResult<M> fit,
      List<String> features, long skipped, Map<String, Object> provenance) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("family", family.name());
    M theta = fit.model();
    root.put("k", theta.k());
    root.put("dimension", theta.dimension());
    ArrayNode names = root.putArray("features");
    features.forEach(names::add);
    family.writeJson(theta, root);
    // writeJson may add "covariance" after "components"; keep the contract's reading order.
    JsonNode comps = root.remove("components");
    root.set("components", comps);
    boolean hard = fit.cost().isPresent();
    if (hard) {
      // k-means: the cost is the objective; a log-likelihood, BIC and AIC would mean nothing.
      root.put("cost", fit.cost().getAsDouble());
    } else {
      root.put("logLikelihood", fit.logLikelihood());
    }
    root.put("records", fit.records());
    root.put("totalWeight", fit.totalWeight());
    root.put("skippedRecords", skipped);
    root.put("iterations", fit.iterations());
    root.put("converged", fit.converged());
    root.put("parameters", theta.freeParameters());
    if (!hard) {
      root.put("bic", fit.bic());
      root.put("aic", fit.aic());
    }
    ArrayNode warnings = root.putArray("warnings");
    fit.warnings().forEach(warnings::add);
    ArrayNode trace = root.putArray("trace");
    for (TraceEntry t : fit.trace()) {
      ObjectNode e = trace.addObject();
      e.put("iteration", t.iteration());
      if (t.cost().isPresent()) {
        e.put("cost", t.cost().getAsDouble());
      } else {
        e.put("logLikelihood", t.logLikelihood());
      }
      e.put("seconds", t.seconds());
      if (!t.accepted()) {
        e.put("accepted", false); // an extrapolation the accelerator rejected
      }
    }
    root.set("provenance", MAPPER.valueToTree(provenance));
    return root;
  }

  public static byte[] bytes(JsonNode root) {
    try {
      return (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses model.json text; a malformed file is a user error naming it. */
  public static JsonNode parse(InputStream in, String where) {
    try {
      JsonNode root = MAPPER.readTree(in);
      if (root == null || !root.isObject()) {
        throw new UserError(where + ": not a JSON object; expected a model.json written by fit");
      }
      return root;
    } catch (IOException e) {
      throw new UserError(where + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); expected a model.json written by fit", e);
    }
  }

  /** θ from a parsed model.json, checked against the family and the data's dimension. */
  public static <M extends Model> M model(Family<M> family, JsonNode root, String where, int dimension) {
    String name = root.path("family").asText("");
    if (!name.equals(family.name())) {
      throw new UserError(where + ": the model's family is '" + name + "' but the job uses '"
          + family.name() + "'; pass --family " + (name.isEmpty() ? "<its family>" : name));
    }
    M theta;
    try {
      theta = family.readJson(root);
    } catch (UserError e) {
      throw new UserError(where + ": " + e.getMessage(), e);
    }
    if (dimension > 0 && theta.dimension() != dimension) {
      throw new UserError(where + ": the model has dimension " + theta.dimension()
          + " but the input has " + dimension + " features; check --features");
    }
    return theta;
  }

  /** The feature names a model.json was fitted on. */
  public static List<String> features(JsonNode root) {
    JsonNode f = root.path("features");
    if (!f.isArray()) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    f.forEach(n -> out.add(n.asText()));
    return out;
  }
}
