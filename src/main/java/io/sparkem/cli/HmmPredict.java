package io.sparkem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.core.Family;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.family.hmm.HmmEStep;
import io.sparkem.fit.ModelJson;
import io.sparkem.spark.InputFormat;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.OutputDirectory;
import io.sparkem.spark.SequenceColumns;
import io.sparkem.spark.SequencePredictor;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code predict} does for a model whose family groups records into sequences (its registry
 * entry needs {@code SEQUENCE}: a hidden Markov model): the sequence and order columns
 * the model names (a flag wins), and {@link SequencePredictor} for the Viterbi path and the
 * posterior state probabilities of every record.
 */
final class HmmPredict {

  private HmmPredict() {}

  /**
   * Scores {@code spec} into {@code out}'s temporary directory; returns the number of records.
   *
   * @param family      the model's family ({@link ModelJson#family}), bound to its alphabet
   * @param sequenceCol {@code --sequence-col}, or null for the model's
   * @param orderCol    {@code --order-col}, or null for the model's
   * @param maxLength   {@code --max-sequence-length}
   */
  static <M extends Model> long score(SparkSession spark, Family<M> family, JsonNode root, String where,
      InputSpec spec, String sequenceCol, String orderCol, int maxLength, InputFormat outFormat,
      OutputDirectory out) {
    String seq = sequenceCol != null ? sequenceCol : root.path("sequenceCol").asText(null);
    String order = orderCol != null ? orderCol : root.path("orderCol").asText(null);
    if (seq == null || order == null) {
      throw new UserError(where + ": the model names no sequence or order column; pass "
          + "--sequence-col COLUMN and --order-col COLUMN");
    }
    if (maxLength < 1) {
      throw new UserError("--max-sequence-length must be >= 1, got " + maxLength);
    }
    SequenceColumns columns = SequenceColumns.of(seq, order, family.readsSymbols())
        .withAlphabet(family.alphabet().orElse(null)).withMaxLength(maxLength);
    M theta = ModelJson.model(family, root, where, -1);
    int features = columns.categorical() ? 1 : theta.dimension();
    if (spec.features().size() != features) {
      throw new UserError(where + ": the model has " + features + " emission feature(s) but --features names "
          + spec.features().size());
    }
    if (!(ModelChecks.eStep(() -> family.eStep(theta), theta, where) instanceof HmmEStep step)) {
      throw new IllegalStateException(family.name() + " has no sequence decoder");
    }
    return SequencePredictor.predictTo(spark, spec, family.recordCheck(), columns, step, outFormat, out);
  }
}
