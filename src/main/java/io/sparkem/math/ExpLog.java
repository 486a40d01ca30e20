package io.sparkem.math;

/**
 * exp and log written only with IEEE add, subtract, multiply, divide, fused multiply-add and bit
 * moves, so that interpreted, C1- and C2-compiled code give the same bits; {@link VectorExpLog} runs
 * the very same operations in vector lanes, so that the plain and the vector kernels agree bit for
 * bit on every responsibility. ({@link Math#exp} may be a JIT intrinsic that differs from the
 * interpreter's {@link StrictMath#exp} in the last bit, and the vector API's {@code EXP} differs
 * between its Java fallback and its compiled form: a model must not depend on when the JIT kicked
 * in.)
 *
 * <p><b>exp</b> (Cody and Waite 1980; Muller, <i>Elementary Functions</i>, §11): x = n·ln 2 + r
 * with n = round(x·log₂e) and |r| ≤ ½ ln 2, r = (x − n·ln2hi) − n·ln2lo, where ln2hi has 32
 * significant bits so that n·ln2hi and x − n·ln2hi are exact; e^r by its Taylor polynomial of
 * degree 13 in Horner form with FMA (truncation below 5·10⁻¹⁸ relative at |r| = ½ ln 2); 2ⁿ
 * from the exponent bits: round(x·log₂e) is taken by adding 1.5·2⁵² in the FMA, whose low
 * mantissa bits then hold n, so that {@code (bits + 1022) << 52} is 2ⁿ⁻¹ with no conversion, and
 * e^x = (2·e^r)·2ⁿ⁻¹ rounds once. No branch and no mask: x is first clamped to [−708.5, 709.8], so
 * that n lies in [−1022, 1024]; n = −1022 gives 2ⁿ⁻¹'s bits 0, hence e^x = 0 for
 * x ≤ {@value #EXP_ZERO} (e^x ≤ 2^−1021.5: results that would be subnormal or nearly so are flushed,
 * which in the E-step drops responsibilities below 10⁻³⁰⁷ and changes nothing); n = 1024 and the
 * clamp at 709.8 give +∞ above {@value #EXP_OVERFLOW} (and for +∞); NaN gives NaN.
 *
 * <p><b>log</b> (fdlibm's {@code e_log.c}, Sun Microsystems 1993): x = 2ᵉ·m with m in
 * [√2/2, √2) read from the bits (subnormals first scaled by 2⁵⁴), f = m − 1 (exact),
 * s = f/(2 + f), log m = f − ½f² + s(½f² + R(s²)) with fdlibm's minimax R of degree 7 (error
 * below 2⁻⁵⁸·⁴⁵), plus e·ln2hi + e·ln2lo. log 0 = −∞, log of a negative or NaN is NaN,
 * log +∞ = +∞.
 *
 * <p>Measured error (ExpLogTest): at most 1 ulp against {@link StrictMath} over the whole normal
 * range of both functions.
 */
public final class ExpLog {

  private ExpLog() {}

  static final double LOG2E = 0x1.71547652b82fep0;
  /** ln 2 to 32 significant bits: n·LN2_HI is exact for |n| &lt; 2²¹. */
  static final double LN2_HI = 0x1.62e42feep-1;
  /** ln 2 − LN2_HI. */
  static final double LN2_LO = 0x1.a39ef35793c76p-33;
  /** 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits. */
  static final double SHIFT = 0x1.8p52;
  /** exp clamps x to [EXP_CLAMP_LOW, EXP_CLAMP_HIGH] first, so that n = round(x·log₂e) is in [−1022, 1024]. */
  static final double EXP_CLAMP_LOW = -708.5;
  static final double EXP_CLAMP_HIGH = 709.8;
  /** exp gives 0 at and below this (n ≤ −1022: e^x below about 2^−1021.5); above it, within 1 ulp. */
  public static final double EXP_ZERO = -708.05;
  /** Above this, e^x overflows: exp gives +∞. */
  public static final double EXP_OVERFLOW = 709.782712893384;

  // 1/i! for i = 13 .. 2 (1/1! = 1/0! = 1 are the last two Horner steps).
  static final double E13 = 1.0 / 6227020800.0;
  static final double E12 = 1.0 / 479001600.0;
  static final double E11 = 1.0 / 39916800.0;
  static final double E10 = 1.0 / 3628800.0;
  static final double E9 = 1.0 / 362880.0;
  static final double E8 = 1.0 / 40320.0;
  static final double E7 = 1.0 / 5040.0;
  static final double E6 = 1.0 / 720.0;
  static final double E5 = 1.0 / 120.0;
  static final double E4 = 1.0 / 24.0;
  static final double E3 = 1.0 / 6.0;
  static final double E2 = 0.5;

  /** Bits of √2/2: x's bits minus these have m's exponent offset in their top bits. */
  static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
  static final long SHIFT_BITS = 0x4338000000000000L;
  static final double TWO54 = 0x1p54;
  // fdlibm e_log.c: Lg1..Lg7.
  static final double LG1 = 6.666666666666735130e-01;
  static final double LG2 = 3.999999999940941908e-01;
  static final double LG3 = 2.857142874366239149e-01;
  static final double LG4 = 2.222219843214978396e-01;
  static final double LG5 = 1.818357216161805012e-01;
  static final double LG6 = 1.531383769920937332e-01;
  static final double LG7 = 1.479819860511658591e-01;

  /** e^x; see the class comment for the ranges. */
  public static double exp(double x) {
    double xc = Math.max(Math.min(x, EXP_CLAMP_HIGH), EXP_CLAMP_LOW);
    double kd = Math.fma(xc, LOG2E, SHIFT);
    double p = expReduced(xc, kd - SHIFT);
    return p * 2.0 * Double.longBitsToDouble((Double.doubleToRawLongBits(kd) + 1022) << 52);
  }

  /** e^r for r = x − n·ln 2, |r| ≤ ½ ln 2 (a little more at rounding ties). */
  private static double expReduced(double x, double n) {
    double r = Math.fma(n, -LN2_HI, x);
    r = Math.fma(n, -LN2_LO, r);
    double p = Math.fma(E13, r, E12);
    p = Math.fma(p, r, E11);
    p = Math.fma(p, r, E10);
    p = Math.fma(p, r, E9);
    p = Math.fma(p, r, E8);
    p = Math.fma(p, r, E7);
    p = Math.fma(p, r, E6);
    p = Math.fma(p, r, E5);
    p = Math.fma(p, r, E4);
    p = Math.fma(p, r, E3);
    p = Math.fma(p, r, E2);
    p = Math.fma(p, r, 1.0);
    return Math.fma(p, r, 1.0);
  }

  /** log x; see the class comment for the special values. */
  public static double log(double x) {
    if (!(x >= Double.MIN_NORMAL) || x == Double.POSITIVE_INFINITY) {
      return logSpecial(x);
    }
    return logNormal(Double.doubleToRawLongBits(x), 0);
  }

  private static double logSpecial(double x) {
    if (x == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!(x > 0)) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    return logNormal(Double.doubleToRawLongBits(x * TWO54), -54); // subnormal
  }

  /** log of the normal double with these bits, plus {@code extra}·ln 2. */
  private static double logNormal(long bits, long extra) {
    long e = (bits - SQRT_HALF_BITS) >> 52;
    double m = Double.longBitsToDouble(bits - (e << 52));
    double dk = Double.longBitsToDouble(SHIFT_BITS + e + extra) - SHIFT;
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double z = s * s;
    double r = Math.fma(LG7, z, LG6);
    r = Math.fma(r, z, LG5);
    r = Math.fma(r, z, LG4);
    r = Math.fma(r, z, LG3);
    r = Math.fma(r, z, LG2);
    r = Math.fma(r, z, LG1);
    r = r * z;
    double hfsq = 0.5 * f * f;
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
}
