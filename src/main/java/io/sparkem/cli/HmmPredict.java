package io.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.family.hmm.Alphabet;
import io.sparkem.family.hmm.Emission;
import io.sparkem.family.hmm.HiddenMarkovModel;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.spark.InputFormat;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.OutputDirectory;
import io.sparkem.spark.SequenceColumns;
import io.sparkem.spark.SequencePredictor;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code predict} does for a model.json of {@code "family": "hmm"}: the family from the
 * model's {@code emission}, {@code covariance} and {@code alphabet}, the sequence and order columns
 * the model names (a flag wins), and {@link SequencePredictor} for the Viterbi path and the
 * posterior state probabilities of every record.
 */
final class HmmPredict {

  private HmmPredict() {}

  static boolean isHmm(JsonNode root) {
    return "hmm".equals(root.path("family").asText(""));
  }

  /**
   * Scores {@code spec} into {@code out}'s temporary directory; returns the number of records.
   *
   * @param sequenceCol {@code --sequence-col}, or null for the model's
   * @param orderCol    {@code --order-col}, or null for the model's
   * @param maxLength   {@code --max-sequence-length}
   */
  static long score(SparkSession spark, JsonNode root, String where, InputSpec spec, String sequenceCol,
      String orderCol, int maxLength, InputFormat outFormat, OutputDirectory out) {
    Emission kind = Emission.parse(root.path("emission").asText("gaussian"));
    FamilyOptions fo = new FamilyOptions(root.path("covariance").asText("full"),
        FamilyOptions.DEFAULT_REG_COVAR, false);
    HmmFamily<?> family = HmmFamily.of(kind, fo);
    Alphabet alphabet = null;
    if (kind == Emission.CATEGORICAL) {
      try {
        alphabet = Alphabet.readJson(root.path("alphabet"));
      } catch (UserError e) {
        throw new UserError(where + ": " + e.getMessage(), e);
      }
      family = family.withAlphabet(alphabet);
    }
    String seq = sequenceCol != null ? sequenceCol : root.path("sequenceCol").asText(null);
    String order = orderCol != null ? orderCol : root.path("orderCol").asText(null);
    if (seq == null || order == null) {
      throw new UserError(where + ": the model names no sequence or order column; pass "
          + "--sequence-col COLUMN and --order-col COLUMN");
    }
    if (maxLength < 1) {
      throw new UserError("--max-sequence-length must be >= 1, got " + maxLength);
    }
    SequenceColumns columns = SequenceColumns.of(seq, order, kind == Emission.CATEGORICAL)
        .withAlphabet(alphabet).withMaxLength(maxLength);
    return decode(spark, family, root, where, spec, columns, outFormat, out);
  }

  private static <E extends Model> long decode(SparkSession spark, HmmFamily<E> family, JsonNode root,
      String where, InputSpec spec, SequenceColumns columns, InputFormat outFormat, OutputDirectory out) {
    HiddenMarkovModel<E> theta = ModelJson.model(family, root, where, -1);
    int features = columns.categorical() ? 1 : theta.dimension();
    if (spec.features().size() != features) {
      throw new UserError(where + ": the model has " + features + " emission feature(s) but --features names "
          + spec.features().size());
    }
    return SequencePredictor.predictTo(spark, spec, family.recordCheck(), columns,
        ModelChecks.eStep(() -> family.eStep(theta), theta, where), outFormat, out);
  }
}
