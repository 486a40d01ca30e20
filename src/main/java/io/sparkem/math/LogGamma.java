package io.sparkem.math;

/**
 * ln Γ(x) for x &gt; 0, and the log-factorials and log-binomial coefficients built on it: the
 * normalising constants of the count families (Poisson's −ln x!, the binomial's ln C(n, x), the
 * multinomial's ln n!/Π x_a!).
 *
 * <p>Method. For x ≥ {@value #STIRLING_FROM} the Stirling (de Moivre) asymptotic series
 * (Abramowitz &amp; Stegun 1964, 6.1.40)
 * <pre>
 *   ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + Σ_{m=1..6} B_{2m} / (2m (2m−1) x^{2m−1})
 *           = … + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹)
 * </pre>
 * whose first omitted term, 1/(156 x¹³), is below 4e-18 there. Below it the recurrence
 * Γ(x) = Γ(x + m) / (x (x+1) ⋯ (x+m−1)) shifts the argument up; the product of at most 15
 * factors is exact to a few ulps, so the absolute error stays near 1e-15·ln Γ(x + m) ≤ 1e-14.
 * Integer arguments up to {@value #TABLE} come from a table: ln n! for n ≤ 22 is the logarithm of
 * the exactly representable n!, beyond that the series. Checked against mpmath in LogGammaTest.
 */
public final class LogGamma {

  /** Where the asymptotic series takes over. */
  static final double STIRLING_FROM = 15.0;
  /** ln n! is tabulated for 0 ≤ n &lt; TABLE (counts are mostly small). */
  static final int TABLE = 1024;

  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double[] LOG_FACTORIAL = new double[TABLE];

  static {
    double factorial = 1; // exact up to 22!
    for (int n = 0; n < TABLE; n++) {
      if (n > 0 && n <= 22) {
        factorial *= n;
      }
      LOG_FACTORIAL[n] = n <= 22 ? Math.log(factorial) : stirling(n + 1.0);
    }
  }

  private LogGamma() {}

  /** ln Γ(x): +∞ at 0 and +∞, NaN for x &lt; 0 or NaN (never needed there). */
  public static double lgamma(double x) {
    if (!(x > 0)) {
      return x == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (x <= TABLE && x == Math.rint(x)) {
      return LOG_FACTORIAL[(int) x - 1];
    }
    if (x >= STIRLING_FROM) {
      return x == Double.POSITIVE_INFINITY ? x : stirling(x);
    }
    double product = 1;
    double y = x;
    while (y < STIRLING_FROM) {
      product *= y;
      y += 1;
    }
    return stirling(y) - Math.log(product);
  }

  /** ln n! = ln Γ(n + 1) for a count n ≥ 0 (an integer-valued double). */
  public static double logFactorial(double n) {
    if (n >= 0 && n < TABLE && n == Math.rint(n)) {
      return LOG_FACTORIAL[(int) n];
    }
    return lgamma(n + 1);
  }

  /** ln C(n, x) = ln n! − ln x! − ln (n−x)! for counts 0 ≤ x ≤ n. */
  public static double logBinomial(double n, double x) {
    return logFactorial(n) - logFactorial(x) - logFactorial(n - x);
  }

  /** The asymptotic series, for x ≥ {@link #STIRLING_FROM} (Horner form in 1/x²). */
  private static double stirling(double x) {
    double r = 1 / x;
    double r2 = r * r;
    double series = r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
        + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360))))));
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
  }
}
