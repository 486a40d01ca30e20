package io.sparkem.fit;

import io.sparkem.core.Alphabet;
import io.sparkem.core.Family;
import io.sparkem.core.RecordCheck;
import io.sparkem.spark.SequenceColumns;
import io.sparkem.spark.SequenceData;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.VectorNames;
import org.apache.spark.sql.SparkSession;

/**
 * The records of a fit, read, validated and cached once, whatever the number of candidates that
 * then share the passes over them.
 *
 * @param data      the cached blocks and their counts
 * @param sequences the number of sequences (records grouped into sequences), else 0
 * @param alphabet  the symbols found (a family that {@link Family#readsSymbols reads symbols}), else null
 * @param records   where they came from
 */
public record LoadedData(SparkData data, long sequences, Alphabet alphabet, Records records) {

  /**
   * Loads {@code records} as {@code family} reads them: independent records, or records grouped
   * into sequences when they carry a grouping (the family's registry entry needs one); symbols
   * collected into an alphabet when the family reads symbols.
   */
  public static LoadedData load(SparkSession spark, Records records, Family<?> family) {
    RecordCheck check = family.recordCheck();
    if (records.sequences() != null) {
      SequenceColumns columns = records.sequences().columns(family.readsSymbols());
      SequenceData.Loaded loaded = records instanceof Records.Files files
          ? SequenceData.load(spark, files.spec(), check, columns, 0)
          : SequenceData.fromDataset(((Records.Frame) records).dataset(),
              ((Records.Frame) records).featuresCol(), check, columns, 0);
      return new LoadedData(loaded.data(), loaded.sequences(), loaded.alphabet(), records);
    }
    SparkData data;
    if (records instanceof Records.Files files) {
      data = SparkData.load(spark, files.spec(), check);
    } else {
      Records.Frame frame = (Records.Frame) records;
      data = SparkData.fromVectors(frame.dataset(), frame.featuresCol(), frame.weightCol(),
          VectorNames.of(frame.dataset(), frame.featuresCol()), check);
    }
    return new LoadedData(data, 0, null, records);
  }

  /** {@code family} bound to what the load found (the alphabet of symbols); else unchanged. */
  public <M extends io.sparkem.core.Model> Family<M> bind(Family<M> family) {
    return alphabet != null && family.readsSymbols() ? family.withAlphabet(alphabet) : family;
  }

  /** Frees the cache. */
  public void release() {
    data.release();
  }
}
