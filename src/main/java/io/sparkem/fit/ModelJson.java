package io.sparkem.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Alphabet;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.Model;
import io.sparkem.core.TraceEntry;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.hmm.Emission;
import io.sparkem.registry.Families;
import io.sparkem.registry.FamilyEntry;
import io.sparkem.registry.FamilySettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * model.json, the contract's format (docs/model.schema.json): what {@code fit} writes and what
 * {@code --init model:PATH}, {@code predict --model} and the Spark ML models read.
 */
public final class ModelJson {

  public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

  /** {@code root} on one line (a summary line for schedulers). */
  public static String compact(JsonNode root) {
    try {
      return new ObjectMapper().writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
    return model(family, root, where, dimension, Wording.CLI);
  }

  /** {@link #model(Family, JsonNode, String, int)}, a mismatch worded for the caller's front end. */
  public static <M extends Model> M model(Family<M> family, JsonNode root, String where, int dimension,
      Wording wording) {
    String name = root.path("family").asText("");
    if (!name.equals(family.name())) {
      throw new UserError(where + ": the model's family is '" + name + "' but " + wording.name(Setting.FAMILY)
          + " is '" + family.name() + "'; " + wording.fix(Setting.FAMILY, name.isEmpty() ? "<its family>" : name));
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

  /**
   * The family a model.json was fitted with, as its fields name it: {@code family}, and where they
   * apply {@code covariance}, {@code emission}, {@code intercept}, the {@code regCovar} of its
   * provenance and the {@code alphabet} of a family that reads symbols.
   */
  public static Family<?> family(JsonNode root, String where) {
    return family(root, where, io.sparkem.core.MissingValues.FAIL);
  }

  /**
   * {@link #family(JsonNode, String)} reading records as {@code missing} says: with
   * {@code marginalize}, missing cells are integrated out (where the family can).
   */
  public static Family<?> family(JsonNode root, String where, io.sparkem.core.MissingValues missing) {
    String name = root.path("family").asText("gaussian");
    FamilyEntry entry = Families.find(name).orElseThrow(() -> new UserError(where + ": family '" + name
        + "' is not one of " + Families.names() + "; expected a model.json written by fit"));
    FamilySettings settings;
    try {
      settings = new FamilySettings(CovarianceType.parse(root.path("covariance").asText("full")),
          Emission.parse(root.path("emission").asText("gaussian")),
          FamilyOptions.defaults().withRegCovar(root.path("provenance").path("regCovar")
              .asDouble(FamilyOptions.DEFAULT_REG_COVAR)).withMissing(missing), root.path("intercept").asBoolean(true));
    } catch (IllegalArgumentException e) {
      throw new UserError(where + ": " + e.getMessage(), e);
    }
    Family<?> family = entry.create(settings);
    if (family.readsSymbols()) {
      try {
        family = family.withAlphabet(Alphabet.readJson(root.path("alphabet")));
      } catch (UserError e) {
        throw new UserError(where + ": " + e.getMessage(), e);
      }
    }
    return family;
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
