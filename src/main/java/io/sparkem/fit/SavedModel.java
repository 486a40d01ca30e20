package io.sparkem.fit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.Family;
import io.sparkem.core.MissingValues;
import io.sparkem.core.Model;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.hmm.Emission;
import io.sparkem.registry.Families;
import io.sparkem.registry.FamilyEntry;
import io.sparkem.spark.HadoopFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A model.json read back — from a file, a fit's output directory, or a directory a Spark ML model was
 * saved to — with {@code where} to name it in messages: what {@code --init model:PATH},
 * {@code score} and {@code update} start from. It knows the settings of the fit that wrote it
 * ({@link #settings}), its θ and its {@code statistics} ({@link #prior}).
 *
 * @param root  the parsed model.json
 * @param where the file it came from, for messages
 */
public record SavedModel(JsonNode root, String where) {

  /** Where a saved Spark ML model keeps its model.json, inside the directory it was saved to. */
  static final String SAVED_MODEL_FILE = "data/model.json";

  /** Reads {@code path}: a model.json, a fit's output directory, or a saved Spark ML model's directory. */
  public static SavedModel read(SparkSession spark, String path, String flag) {
    org.apache.hadoop.fs.Path inside = new org.apache.hadoop.fs.Path(path, SAVED_MODEL_FILE);
    String file = HadoopFiles.exists(spark, inside.toString()) ? inside.toString() : path;
    byte[] bytes = HadoopFiles.read(spark, file, flag);
    return new SavedModel(ModelJson.parse(new ByteArrayInputStream(bytes), file), file);
  }

  /** model.json text held in memory (a Spark ML model's), named {@code where} in messages. */
  public static SavedModel of(String json, String where) {
    return new SavedModel(ModelJson.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), where),
        where);
  }

  /** The registry entry of the model's family. */
  public FamilyEntry family() {
    String name = root.path("family").asText("gaussian");
    return Families.find(name).orElseThrow(() -> new UserError(where + ": family '" + name + "' is not one of "
        + Families.names() + "; expected a model.json written by fit"));
  }

  /** The feature names the model was fitted on. */
  public List<String> features() {
    return ModelJson.features(root);
  }

  /**
   * The settings of the fit that wrote this model — its family, covariance, emission, and the
   * {@code regCovar}, {@code fixWeights}, {@code pseudoCount} of its provenance — with the loop's
   * settings ({@code maxIter}, {@code tol}, {@code seed}, checkpoints) and {@code missing} of
   * {@code loop}, starting from the model ({@code init = model:where}), one start, plain full-batch EM.
   */
  public FitSettings settings(FitSettings loop) {
    JsonNode p = root.path("provenance");
    try {
      return new FitSettings(family(), CovarianceType.parse(root.path("covariance").asText("full")),
          Emission.parse(root.path("emission").asText("gaussian")),
          p.path("regCovar").asDouble(FamilyOptions.DEFAULT_REG_COVAR), p.path("fixWeights").asBoolean(false),
          p.path("pseudoCount").asDouble(FamilyOptions.DEFAULT_PSEUDO_COUNT),
          loop.missing() == null ? MissingValues.FAIL : loop.missing(), loop.maxIter(), loop.tol(),
          io.sparkem.core.Accelerator.NONE, 1.0, new Init.FromModel(where), 1, loop.seed(), loop.checkpointDir(),
          loop.resume(), root.path("intercept").asBoolean(true));
    } catch (IllegalArgumentException e) {
      throw new UserError(where + ": " + e.getMessage(), e);
    }
  }

  /** θ as {@code family} reads it, checked against the family (its errors name {@code where}). */
  public <M extends Model> M theta(Family<M> family, Wording wording) {
    return ModelJson.model(family, root, where, -1, wording);
  }

  /**
   * The model's {@code statistics} as {@code family} reads them for θ, times {@code decay}: the prior
   * of an update. A model without statistics (written before they existed, or by hand) is a user error.
   */
  public <M extends Model> SufficientStats prior(Family<M> family, M theta, double decay) {
    JsonNode node = root.path("statistics");
    if (!node.isObject()) {
      throw new UserError(where + ": the model has no 'statistics' (it was written before update existed, or "
          + "by hand); fit it again with this version, or start a fresh fit with --init model:" + where);
    }
    try {
      return family.readStatistics(node, theta).scale(decay);
    } catch (UserError e) {
      throw new UserError(where + ": " + e.getMessage(), e);
    }
  }
}
