package io.sparkem.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Escaping and number formatting for the report: everything that reaches the page goes through here. */
public final class Text {

  private Text() {}

  /**
   * {@code s} safe inside HTML text and inside a double- or single-quoted attribute (and so in
   * SVG): feature names, paths and warnings are user input.
   */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab/newline are not allowed in HTML text.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * A number for people: 6 significant digits, trailing zeros dropped, scientific notation outside
   * [1e-4, 1e9) — {@code -674.488}, {@code 0.5}, {@code 1.5e-07}, {@code 12}.
   */
  public static String number(double x) {
    return number(x, 6);
  }

  /** {@link #number(double)} with {@code digits} significant digits. */
  public static String number(double x, int digits) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "∞" : "−∞";
    }
    if (x == 0) {
      return "0";
    }
    double abs = Math.abs(x);
    if (abs >= 1e9 || abs < 1e-4) {
      String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", x);
      int e = s.indexOf('e');
      String mantissa = trim(s.substring(0, e));
      int exponent = Integer.parseInt(s.substring(e + 1));
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
    BigDecimal rounded = new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    return trim(rounded.toPlainString());
  }

  /** A coordinate in an SVG attribute: two decimals are sub-pixel. */
  static String px(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String trim(String s) {
    if (!s.contains(".")) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
