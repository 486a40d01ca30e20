package io.sparkem.spark;

import java.util.Locale;

/** What {@code --on-bad-record} does with a record that is not valid input. */
public enum BadRecordPolicy {
  /** Stop with exit 2 at the first bad record, naming it. */
  FAIL,
  /** Drop bad records and count them (model.json {@code skippedRecords}). */
  SKIP;

  /** The command-line name, so that picocli converts the flag's text to this constant itself. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
