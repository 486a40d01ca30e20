package io.sparkem.spark;

/** Two records of one sequence with the same order value, found after grouping on an executor. */
final class DuplicateOrderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final String key;
  final double order;
  final long first;
  final long second;

  DuplicateOrderException(String key, double order, long first, long second) {
    super("sequence '" + key + "' has order value " + order + " twice");
    this.key = key;
    this.order = order;
    this.first = first;
    this.second = second;
  }
}
