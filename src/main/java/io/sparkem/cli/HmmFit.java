package io.sparkem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.UserError;
import io.sparkem.family.hmm.Emission;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.SequenceColumns;
import io.sparkem.spark.SequenceData;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code fit} and {@code select} do differently for {@code --family hmm}: the family from
 * {@code --emission}, the load that groups records into sequences, the alphabet of categorical
 * emissions bound into the family, and model.json's {@code sequences}, {@code sequenceCol} and
 * {@code orderCol}. The fit itself is {@link FitJob}'s, through the one EM loop.
 */
final class HmmFit {

  private HmmFit() {}

  static boolean isHmm(FitOptions options) {
    return "hmm".equals(options.family);
  }

  /** The HMM family; the emission family reads the same options as it would as a mixture. */
  static HmmFamily<?> family(FitOptions options, FamilyOptions familyOptions) {
    if (options.sequenceCol == null || options.orderCol == null) {
      throw new UserError("--family hmm needs --sequence-col COLUMN and --order-col COLUMN");
    }
    return HmmFamily.of(Emission.parse(options.emission), familyOptions);
  }

  static SequenceColumns columns(FitOptions options, HmmFamily<?> family) {
    if (options.maxSequenceLength < 1) {
      throw new UserError("--max-sequence-length must be >= 1, got " + options.maxSequenceLength);
    }
    return SequenceColumns.of(options.sequenceCol, options.orderCol,
        family.emissionKind() == Emission.CATEGORICAL).withMaxLength(options.maxSequenceLength);
  }

  static SequenceData.Loaded load(SparkSession spark, InputSpec input, FitOptions options, HmmFamily<?> family) {
    return SequenceData.load(spark, input, family.recordCheck(), columns(options, family), 0);
  }

  /** {@code family} with the alphabet of the loaded data (categorical), else unchanged. */
  @SuppressWarnings("unchecked")
  static <F extends Family<?>> F bind(F family, SequenceData.Loaded loaded) {
    if (family instanceof HmmFamily<?> h && loaded != null && loaded.alphabet() != null) {
      return (F) h.withAlphabet(loaded.alphabet());
    }
    return family;
  }

  /** model.json's hmm fields besides θ's. */
  static void addFields(ObjectNode json, FitResult<?> best, FitOptions options) {
    HmmFamily.writeFitFields(json, best, options.sequenceCol, options.orderCol);
  }
}
