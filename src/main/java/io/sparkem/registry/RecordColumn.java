package io.sparkem.registry;

/**
 * What a family needs from each record besides its feature columns. The loader reads it (which
 * columns to append to a block row, whether records group into sequences), the fit service
 * validates against it (a family that needs trials gets them; one that does not refuses them) and
 * writes it into model.json ({@code trialsCol}, {@code sequenceCol}, ...).
 */
public enum RecordColumn {
  /** The number of trials per record, appended to the block row (binomial: {@code --trials-col} or {@code --trials}). */
  TRIALS,
  /** A response y per record, appended to the block row; the features are the covariates ({@code --label-col}). */
  LABEL,
  /** Records are observations of sequences: a sequence column and an order column ({@code --sequence-col}, {@code --order-col}). */
  SEQUENCE
}
