package io.sparkem.spark;

/** What {@code --on-bad-record} does with a record that is not valid input. */
public enum BadRecordPolicy {
  /** Stop with exit 2 at the first bad record, naming it. */
  FAIL,
  /** Drop bad records and count them (model.json {@code skippedRecords}). */
  SKIP
}
