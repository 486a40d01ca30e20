package io.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.MissingValues;
import io.sparkem.fit.ModelJson;
import io.sparkem.spark.InputSpec;
import picocli.CommandLine.Option;

/**
 * What the commands that read records for a saved model ({@code predict}, {@code score},
 * {@code update}) take besides the input: the number of trials (binomial) and the response column (regression), by default the model's,
 * and what a missing cell means. The records' features are the model's unless {@code --features}
 * names them.
 */
final class ModelInputOptions {

  @Option(names = "--trials-col", description = "binomial only: column with the number of trials per record "
      + "(default: the model's)")
  String trialsCol;

  @Option(names = "--trials", defaultValue = "0",
      description = "binomial only: a constant number of trials per record (default: the model's)")
  int trials;

  @Option(names = "--label-col", description = "regression only: the response column (default: the model's)")
  String labelCol;

  @Option(names = "--missing", defaultValue = "fail",
      description = "gaussian only: fail (default; a missing cell is bad input) | marginalize (a missing cell is "
          + "integrated out, as fit does)")
  MissingValues missing;

  /** The input of {@code format} as the model {@code root} reads it: its features, trials and label unless given. */
  InputSpec spec(InputOptions input, String format, JsonNode root) {
    InputSpec spec = input.spec(format, trialsCol == null ? root.path("trialsCol").asText(null) : trialsCol,
        trials > 0 ? trials : root.path("trials").asInt(0),
        labelCol == null ? root.path("labelCol").asText(null) : labelCol);
    return spec.features().isEmpty() ? spec.withFeatures(ModelJson.features(root)) : spec;
  }
}
