package io.sparkem.fit;

import io.sparkem.spark.SequenceColumns;

/**
 * The columns that group records into sequences, for a family that declares
 * {@link io.sparkem.registry.RecordColumn#SEQUENCE} (a hidden Markov model).
 *
 * @param sequenceCol the column naming each record's sequence
 * @param orderCol    the column ordering records inside a sequence
 * @param maxLength   the longest sequence one task may hold ({@code --max-sequence-length})
 */
public record SequenceSettings(String sequenceCol, String orderCol, int maxLength) {

  /** With the default length limit. */
  public SequenceSettings(String sequenceCol, String orderCol) {
    this(sequenceCol, orderCol, SequenceColumns.DEFAULT_MAX_LENGTH);
  }

  /** The loader's columns; {@code categorical}: the records are symbols. */
  SequenceColumns columns(boolean categorical) {
    return SequenceColumns.of(sequenceCol, orderCol, categorical).withMaxLength(maxLength);
  }
}
