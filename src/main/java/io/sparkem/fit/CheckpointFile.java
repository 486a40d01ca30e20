package io.sparkem.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Checkpoints;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.FitState;
import io.sparkem.core.Model;
import io.sparkem.core.PassSummary;
import io.sparkem.core.TraceEntry;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.registry.Capability;
import io.sparkem.spark.HadoopFiles;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --checkpoint-dir D}: after every pass the state of every fit is written atomically to
 * D/checkpoint.json (temporary file + rename, on any Hadoop file system): θ in model.json's form,
 * the trace, the warnings, the previous pass's totals. {@code --resume} reads it back; doubles are
 * written in their shortest exact form, so the resumed run continues bit for bit.
 *
 * <p>The file also names the fit it belongs to (family, covariance, k, input, features, seed);
 * resuming a different fit from it is a user error.
 */
public final class CheckpointFile {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  static final String NAME = "checkpoint.json";

  private final SparkSession spark;
  private final String path;
  private final ObjectNode identity;

  CheckpointFile(SparkSession spark, String dir, ObjectNode identity) {
    this.spark = spark;
    this.path = dir.endsWith("/") ? dir + NAME : dir + "/" + NAME;
    this.identity = identity;
  }

  /**
   * The checkpoint file of one candidate, or null without a checkpoint directory: {@code select}'s
   * candidates each keep their own file, in a subdirectory named after the label. Its identity —
   * what a checkpoint must match to be resumed — is the same fit of the same data.
   */
  static CheckpointFile of(SparkSession spark, FitSettings settings, Family<?> family, CovarianceType covariance,
      LoadedData data, int k, String label) {
    if (settings.checkpointDir() == null) {
      return null;
    }
    String sub = label.isBlank() ? "" : "/" + label.trim().replaceAll("[^A-Za-z0-9=]+", "-").replaceAll("-$", "");
    ObjectNode id = ModelJson.MAPPER.createObjectNode();
    id.put("family", family.name());
    id.put("covariance", settings.family().supports(Capability.COVARIANCE_TYPES) ? covariance.cliName() : null);
    id.put("k", k);
    id.put("candidate", label);
    Map<String, Object> input = new LinkedHashMap<>();
    data.records().describe(input);
    id.put("input", String.valueOf(input.get("input")));
    id.put("features", String.join(",", data.data().features()));
    id.put("records", data.data().records());
    id.put("seed", settings.seed());
    id.put("init", settings.init().toString());
    id.put("restarts", settings.restarts());
    return new CheckpointFile(spark, settings.checkpointDir() + sub, id);
  }

  /**
   * With {@code --resume}, the saved states of this fit (null when there is no checkpoint yet: the
   * fit starts from the beginning, with a warning); without it, null.
   */
  <M extends Model> List<FitState<M>> resumed(Family<M> family, FitSettings settings, String label) {
    if (!settings.resume()) {
      return null;
    }
    List<FitState<M>> states = load(family).orElse(null);
    if (states == null) {
      LOG.warn("--resume: no checkpoint in " + settings.checkpointDir() + "; starting from the beginning");
    } else {
      LOG.info(label + "--resume: continuing " + states.size() + " fit(s) from " + settings.checkpointDir()
          + " after iteration " + states.stream().mapToInt(s -> s.trace().size()).max().orElse(0));
    }
    return states;
  }

  /** The sink the EM loop saves into. */
  <M extends Model> Checkpoints<M> sink(Family<M> family) {
    return fits -> HadoopFiles.writeAtomically(spark, path, ModelJson.bytes(toJson(family, fits)));
  }

  /** The saved states, when there is a checkpoint of this fit. */
  <M extends Model> Optional<List<FitState<M>>> load(Family<M> family) {
    if (!HadoopFiles.exists(spark, path)) {
      return Optional.empty();
    }
    JsonNode root = ModelJson.parse(new ByteArrayInputStream(HadoopFiles.read(spark, path, "--checkpoint-dir")), path);
    // Compared as parsed from text on both sides: JSON numbers read back may change node type.
    if (!root.path("fit").equals(ModelJson.parse(new ByteArrayInputStream(ModelJson.bytes(identity)), path))) {
      throw new UserError(path + ": the checkpoint belongs to another fit (" + root.path("fit")
          + "); remove it or choose another --checkpoint-dir");
    }
    List<FitState<M>> states = new ArrayList<>();
    for (JsonNode f : root.path("fits")) {
      states.add(state(family, f));
    }
    return Optional.of(states);
  }

  private <M extends Model> ObjectNode toJson(Family<M> family, List<FitState<M>> fits) {
    ObjectNode root = ModelJson.MAPPER.createObjectNode();
    root.put("version", 1);
    root.set("fit", identity);
    ArrayNode list = root.putArray("fits");
    for (FitState<M> s : fits) {
      ObjectNode f = list.addObject();
      ObjectNode theta = f.putObject("theta");
      family.writeJson(s.theta(), theta);
      f.set("trace", trace(s.trace()));
      ArrayNode warnings = f.putArray("warnings");
      s.warnings().forEach(warnings::add);
      if (s.previous() != null) {
        f.set("previous", summary(s.previous()));
      }
      if (s.result() != null) {
        FitResult<M> r = s.result();
        ObjectNode result = summary(PassSummary.of(r.finalStats()));
        result.put("iterations", r.iterations());
        result.put("converged", r.converged());
        f.set("result", result);
      }
    }
    return root;
  }

  private <M extends Model> FitState<M> state(Family<M> family, JsonNode f) {
    M theta = family.readJson(f.path("theta"));
    List<TraceEntry> trace = new ArrayList<>();
    for (JsonNode t : f.path("trace")) {
      trace.add(new TraceEntry(t.path("iteration").asInt(), t.path("logLikelihood").asDouble(),
          t.path("seconds").asDouble(), optional(t, "cost"), t.path("accepted").asBoolean(true)));
    }
    List<String> warnings = new ArrayList<>();
    f.path("warnings").forEach(w -> warnings.add(w.asText()));
    PassSummary previous = f.has("previous") ? summary(f.path("previous")) : null;
    FitResult<M> result = null;
    if (f.has("result")) {
      JsonNode r = f.path("result");
      PassSummary last = summary(r);
      result = new FitResult<>(theta, last.logLikelihood(), last, last.records(), last.totalWeight(),
          r.path("iterations").asInt(), r.path("converged").asBoolean(), trace, warnings);
    }
    return new FitState<>(theta, trace, warnings, previous, result);
  }

  private static ArrayNode trace(List<TraceEntry> trace) {
    ArrayNode a = ModelJson.MAPPER.createArrayNode();
    for (TraceEntry t : trace) {
      ObjectNode e = a.addObject();
      e.put("iteration", t.iteration());
      e.put("logLikelihood", t.logLikelihood());
      e.put("seconds", t.seconds());
      t.cost().ifPresent(c -> e.put("cost", c));
      if (!t.accepted()) {
        e.put("accepted", false);
      }
    }
    return a;
  }

  private static ObjectNode summary(PassSummary s) {
    ObjectNode n = ModelJson.MAPPER.createObjectNode();
    n.put("logLikelihood", s.logLikelihood());
    n.put("totalWeight", s.totalWeight());
    n.put("records", s.records());
    s.cost().ifPresent(c -> n.put("cost", c));
    return n;
  }

  private static PassSummary summary(JsonNode n) {
    return new PassSummary(n.path("logLikelihood").asDouble(), n.path("totalWeight").asDouble(),
        n.path("records").asLong(), optional(n, "cost"));
  }

  private static OptionalDouble optional(JsonNode n, String field) {
    return n.has(field) ? OptionalDouble.of(n.path(field).asDouble()) : OptionalDouble.empty();
  }
}
