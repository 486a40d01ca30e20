package io.sparkem.spark;

/** A sequence longer than one task may hold, found while grouping on an executor. */
final class SequenceTooLongException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final String key;
  final int limit;

  SequenceTooLongException(String key, int limit) {
    super("sequence '" + key + "' has more than " + limit + " records");
    this.key = key;
    this.limit = limit;
  }
}
