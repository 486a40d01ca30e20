package io.sparkem.spark;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns one cell of any Spark reader (a String from CSV, a Number from JSON or Parquet) into a
 * finite double, or says why it cannot. Strings are parsed strictly: Java's {@code 1d},
 * {@code 0x1p3} or {@code 1_000} are not numbers in a data file.
 */
final class NumericValue {

  /** A decimal number as data files write it: sign, digits, optional fraction and exponent. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NAN = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
  private static final Pattern INFINITE =
      Pattern.compile("[+-]?inf(inity)?", Pattern.CASE_INSENSITIVE);

  private NumericValue() {}

  /** The value of the cell, or NaN when it is not a finite number ({@link #problem} says why). */
  static double of(Object cell) {
    if (cell instanceof Number n) {
      return n.doubleValue();
    }
    if (cell instanceof String s && DECIMAL.matcher(s.trim()).matches()) {
      return Double.parseDouble(s.trim());
    }
    return Double.NaN;
  }

  /** Why {@code cell} is not a finite number (given {@code value = of(cell)}), or null. */
  static String problem(Object cell, double value) {
    if (Double.isFinite(value)) {
      return null;
    }
    if (cell == null || (cell instanceof String s && s.isBlank())) {
      return "the value is empty";
    }
    String text = String.valueOf(cell).trim();
    String shown = text.length() <= 40 ? text : text.substring(0, 37) + "...";
    if (Double.isInfinite(value)) {
      return "value '" + shown + "' is infinite (too large for a double)";
    }
    if (NAN.matcher(text).matches() || (cell instanceof Number)) {
      return "value '" + shown + "' is NaN";
    }
    if (INFINITE.matcher(text).matches()) {
      return "value '" + shown + "' is infinite";
    }
    return "value '" + shown + "' is not a number";
  }

  /**
   * Whether the cell is missing rather than wrong: null, blank, a NaN text or a NaN number (for
   * {@code --missing marginalize}; an infinite or unreadable value is never missing).
   */
  static boolean isMissing(Object cell) {
    if (cell == null) {
      return true;
    }
    if (cell instanceof String s) {
      return s.isBlank() || NAN.matcher(s.trim()).matches();
    }
    return cell instanceof Number n && Double.isNaN(n.doubleValue());
  }

  /** Whether a text cell reads as a number, finite or not: used to pick default feature columns. */
  static boolean isNumberText(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    return DECIMAL.matcher(t).matches() || NAN.matcher(t).matches() || INFINITE.matcher(t).matches();
  }
}
