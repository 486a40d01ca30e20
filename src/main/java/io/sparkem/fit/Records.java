package io.sparkem.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.spark.InputSpec;
import java.util.Map;
import org.apache.spark.sql.Dataset;

/**
 * Where a fit's records come from, with what they carry besides the features: files read by the
 * command line, or a Spark ML Dataset given to an estimator. The fit service checks what they carry
 * against what the family's registry entry needs, and writes it into model.json.
 */
public sealed interface Records permits Records.Files, Records.Frame {

  /** The grouping into sequences, or null when records are independent. */
  SequenceSettings sequences();

  /** The column of record weights, or null. */
  String weightCol();

  /** Whether each record carries a number of trials (a column or a constant). */
  boolean hasTrials();

  /** "path: " — what a message about the data as a whole starts with (empty for a Dataset). */
  String where();

  /** model.json's {@code provenance} entries that say where the records came from. */
  void describe(Map<String, Object> provenance);

  /** model.json's top-level fields that name the extra columns ({@code trialsCol}, {@code sequenceCol}, ...). */
  default void writeColumns(ObjectNode root) {
    if (sequences() != null) {
      root.put("sequenceCol", sequences().sequenceCol());
      root.put("orderCol", sequences().orderCol());
    }
  }

  /**
   * Input files ({@code submit/em fit}, {@code select}).
   *
   * @param spec      the path, format, features, weight and trials columns, bad-record policy
   * @param sequences the sequence grouping, or null
   */
  record Files(InputSpec spec, SequenceSettings sequences) implements Records {

    @Override
    public String weightCol() {
      return spec.weightCol();
    }

    @Override
    public boolean hasTrials() {
      return spec.hasTrials();
    }

    @Override
    public String where() {
      return spec.path() + ": ";
    }

    @Override
    public void describe(Map<String, Object> provenance) {
      provenance.put("input", spec.path());
      provenance.put("format", spec.format().name().toLowerCase());
    }

    @Override
    public void writeColumns(ObjectNode root) {
      if (spec.hasTrials()) {
        if (spec.trialsCol() != null) {
          root.put("trialsCol", spec.trialsCol());
        } else {
          root.put("trials", spec.trials());
        }
      }
      Records.super.writeColumns(root);
    }
  }

  /**
   * A Dataset's rows, one record each (the Spark ML estimators).
   *
   * @param dataset     the rows
   * @param featuresCol an ml Vector column (categorical emissions: a 1-value vector holding the symbol)
   * @param weightCol   a numeric column of weights {@code >= 0}, or null
   * @param sequences   the sequence grouping, or null
   */
  record Frame(Dataset<?> dataset, String featuresCol, String weightCol, SequenceSettings sequences)
      implements Records {

    @Override
    public boolean hasTrials() {
      return false;
    }

    @Override
    public String where() {
      return "";
    }

    @Override
    public void describe(Map<String, Object> provenance) {
      provenance.put("input", "Spark ML Dataset, column " + featuresCol);
    }
  }
}
