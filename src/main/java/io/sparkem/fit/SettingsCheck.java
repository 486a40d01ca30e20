package io.sparkem.fit;

import io.sparkem.core.MissingValues;
import io.sparkem.core.UserError;
import io.sparkem.registry.Capability;
import io.sparkem.registry.Families;
import io.sparkem.registry.FamilyEntry;
import io.sparkem.registry.RecordColumn;

/**
 * The checks of {@link FitSettings} that need no data: values in range, options the family's
 * registry entry does not support, record columns it needs and the records lack (or carry and it
 * does not need). Messages in the caller's {@link Wording}.
 */
final class SettingsCheck {

  private SettingsCheck() {}

  static void check(FitSettings s, Wording w, Records records) {
    FamilyEntry family = s.family();
    if (s.restarts() < 1) {
      throw new UserError(w.name(Setting.RESTARTS) + " must be >= 1, got " + s.restarts());
    }
    if (s.resume() && s.checkpointDir() == null) {
      throw new UserError(w.name(Setting.RESUME) + " needs " + w.value(Setting.CHECKPOINT_DIR, "DIR")
          + " (where the interrupted fit saved its state)");
    }
    nonNegative(s.regCovar(), Setting.REG_COVAR, w);
    nonNegative(s.pseudoCount(), Setting.PSEUDO_COUNT, w);
    if (s.missing() != MissingValues.FAIL && !family.supports(Capability.MISSING_VALUES)) {
      throw new UserError(w.value(Setting.MISSING, s.missing()) + " is for " + w.name(Setting.FAMILY) + " "
          + String.join(" | ", Families.names(Capability.MISSING_VALUES)) + " only; remove it or clean the "
          + "missing cells of the input");
    }
    if (s.miniBatch() < 1 && !family.supports(Capability.MINI_BATCH)) {
      throw new UserError(w.name(Setting.MINI_BATCH) + " is not available for " + w.value(Setting.FAMILY, family)
          + "; use " + w.value(Setting.MINI_BATCH, 1));
    }
    if (family.needs(RecordColumn.SEQUENCE)) {
      SequenceSettings seq = records.sequences();
      if (seq == null || seq.sequenceCol() == null || seq.orderCol() == null) {
        throw new UserError(w.value(Setting.FAMILY, family) + " needs " + w.value(Setting.SEQUENCE_COL, "COLUMN")
            + " and " + w.value(Setting.ORDER_COL, "COLUMN"));
      }
      if (seq.maxLength() < 1) {
        throw new UserError(w.name(Setting.MAX_SEQUENCE_LENGTH) + " must be >= 1, got " + seq.maxLength());
      }
    }
    if (family.needs(RecordColumn.LABEL) && records.labelCol() == null) {
      throw new UserError(w.value(Setting.FAMILY, family) + " needs the response column: pass "
          + w.value(Setting.LABEL_COL, "COLUMN") + " (the features are the covariates)");
    }
    if (!family.needs(RecordColumn.LABEL) && records.labelCol() != null) {
      throw new UserError(w.name(Setting.LABEL_COL) + " is for " + w.name(Setting.FAMILY) + " "
          + String.join(" | ", needing(RecordColumn.LABEL)) + " only");
    }
    if (!s.intercept() && !family.needs(RecordColumn.LABEL)) {
      throw new UserError(w.name(Setting.NO_INTERCEPT) + " is for " + w.name(Setting.FAMILY) + " "
          + String.join(" | ", needing(RecordColumn.LABEL)) + " only");
    }
    if (family.needs(RecordColumn.TRIALS) && !records.hasTrials()) {
      throw new UserError(w.value(Setting.FAMILY, family) + " needs the number of trials per record: pass "
          + w.value(Setting.TRIALS, "N") + " or " + w.value(Setting.TRIALS_COL, "COLUMN"));
    }
    if (!family.needs(RecordColumn.TRIALS) && records.hasTrials()) {
      throw new UserError(w.name(Setting.TRIALS) + " and " + w.name(Setting.TRIALS_COL) + " are for "
          + w.name(Setting.FAMILY) + " " + String.join(" | ", needing(RecordColumn.TRIALS)) + " only");
    }
  }

  /** The families whose records carry {@code column}. */
  private static java.util.List<String> needing(RecordColumn column) {
    return Families.entries().stream().filter(e -> e.needs(column)).map(FamilyEntry::name).toList();
  }

  private static void nonNegative(double value, Setting setting, Wording w) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new UserError(w.name(setting) + " must be a finite number >= 0, got " + value);
    }
  }
}
