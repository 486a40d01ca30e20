package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ExpLog} and {@link VectorExpLog} against {@link StrictMath} (fdlibm, itself within 1 ulp of
 * the exact value) in ulps, over the whole normal range and densely over what the E-step uses (exp
 * on [−40, 0], log on [1, k]); the vector lanes against the scalar twin bit for bit; the same bits
 * interpreted ({@code -Xint}, in a child JVM) as after warm-up, for the functions and for both
 * dense kernels' statistics.
 */
class ExpLogTest {

  /** Distance in ulps between two finite doubles of the same sign (bits are monotone). */
  private static long ulps(double a, double b) {
    return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
  }

  @Test
  void expIsWithinOneUlpOfStrictMathOverItsWholeRange() {
    SplittableRandom rng = new SplittableRandom(1);
    long worstStrict = 0;
    long worstMath = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double x = switch (i % 3) {
        case 0 -> -708.049 + (ExpLog.EXP_OVERFLOW + 708.049) * rng.nextDouble();
        case 1 -> -40 * rng.nextDouble();
        default -> -Math.scalb(rng.nextDouble(), -rng.nextInt(60));
      };
      double e = ExpLog.exp(x);
      worstStrict = Math.max(worstStrict, ulps(e, StrictMath.exp(x)));
      worstMath = Math.max(worstMath, ulps(e, Math.exp(x)));
    }
    System.out.printf("exp on [-708.049, 709.78]: max %d ulp against StrictMath.exp, %d against Math.exp%n", worstStrict, worstMath);
    assertThat(worstStrict).isLessThanOrEqualTo(1);
    assertThat(worstMath).isLessThanOrEqualTo(2);
  }

  @Test
  void logIsWithinOneUlpOfStrictMathOverItsWholeRange() {
    SplittableRandom rng = new SplittableRandom(2);
    long worstStrict = 0;
    long worstMath = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double x = switch (i % 3) {
        case 0 -> Double.longBitsToDouble(rng.nextLong(1, 0x7ff0000000000000L)); // every finite positive, subnormals too
        case 1 -> 1 + 63 * rng.nextDouble();
        default -> 1 + Math.scalb(rng.nextDouble(), -rng.nextInt(60)) * (rng.nextBoolean() ? 1 : -0.5);
      };
      double l = ExpLog.log(x);
      worstStrict = Math.max(worstStrict, ulps(l, StrictMath.log(x)));
      worstMath = Math.max(worstMath, ulps(l, Math.log(x)));
    }
    System.out.printf("log: max %d ulp against StrictMath.log, %d against Math.log%n", worstStrict, worstMath);
    assertThat(worstStrict).isLessThanOrEqualTo(1);
    assertThat(worstMath).isLessThanOrEqualTo(2);
  }

  @Test
  void specialValues() {
    assertThat(ExpLog.exp(Double.NaN)).isNaN();
    assertThat(ExpLog.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(ExpLog.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ExpLog.exp(0.0)).isEqualTo(1.0);
    assertThat(ExpLog.exp(-0.0)).isEqualTo(1.0);
    assertThat(ExpLog.exp(1.0)).isEqualTo(Math.E);
    assertThat(ExpLog.exp(ExpLog.EXP_ZERO)).isEqualTo(0.0);
    assertThat(ExpLog.exp(-745.2)).isEqualTo(0.0);
    assertThat(ulps(ExpLog.exp(-708.049), StrictMath.exp(-708.049))).isLessThanOrEqualTo(1);
    assertThat(ExpLog.exp(-708.049)).isGreaterThanOrEqualTo(Double.MIN_NORMAL);
    assertThat(ExpLog.exp(ExpLog.EXP_OVERFLOW)).isEqualTo(StrictMath.exp(ExpLog.EXP_OVERFLOW)).isFinite();
    assertThat(ExpLog.exp(Math.nextUp(ExpLog.EXP_OVERFLOW))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ExpLog.exp(709.79)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ExpLog.exp(1e300)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ulps(ExpLog.exp(709.6), StrictMath.exp(709.6))).isLessThanOrEqualTo(1); // 2ⁿ with n = 1024
    assertThat(ExpLog.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ExpLog.log(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ExpLog.log(-1e-300)).isNaN();
    assertThat(ExpLog.log(Double.NaN)).isNaN();
    assertThat(ExpLog.log(Double.NEGATIVE_INFINITY)).isNaN();
    assertThat(ExpLog.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ExpLog.log(1.0)).isEqualTo(0.0);
    assertThat(ExpLog.log(2.0)).isEqualTo(StrictMath.log(2.0));
    assertThat(ExpLog.log(Double.MIN_VALUE)).isEqualTo(-1074 * StrictMath.log(2.0), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(ExpLog.log(Double.MAX_VALUE)).isEqualTo(StrictMath.log(Double.MAX_VALUE));
  }

  @Test
  void vectorLanesHaveTheScalarBits() {
    Assumptions.assumeTrue(ExpLogBits.VectorKernels.available(), "no jdk.incubator.vector in this JVM");
    List<String> d = ExpLogBits.digests();
    assertThat(value(d, "exp-vector")).isEqualTo(value(d, "exp-scalar"));
    assertThat(value(d, "log-vector")).isEqualTo(value(d, "log-scalar"));
  }

  @Test
  void theKernelsResponsibilitiesAgreeBitForBit() {
    Assumptions.assumeTrue(ExpLogBits.VectorKernels.available(), "no jdk.incubator.vector in this JVM");
    int k = 5;
    int tile = ScalarGaussianKernel.TILE;
    int vt = VectorGaussianKernel.create().tile();
    assertThat(tile % vt).isZero();
    SplittableRandom rng = new SplittableRandom(3);
    for (int round = 0; round < 200; round++) {
      double[] l = new double[k * tile];
      for (int i = 0; i < l.length; i++) {
        l[i] = -30 * rng.nextDouble() * rng.nextDouble() - (rng.nextInt(50) == 0 ? 800 : 0);
      }
      if (round % 7 == 0) {
        l[(k - 1) * tile + rng.nextInt(tile)] = Double.NEGATIVE_INFINITY; // a component of weight 0
      }
      double[] wt = new double[tile];
      for (int i = 0; i < tile; i++) {
        wt[i] = rng.nextInt(6) == 0 ? 0 : rng.nextDouble();
      }
      double[] scalarResp = l.clone();
      double[] scalarLse = new double[tile];
      ScalarGaussianKernel.responsibilities(k, scalarResp, scalarLse, wt);
      for (int from = 0; from < tile; from += vt) {
        double[] resp = new double[k * vt];
        for (int j = 0; j < k; j++) {
          System.arraycopy(l, j * tile + from, resp, j * vt, vt);
        }
        double[] lse = new double[vt];
        VectorGaussianKernel.responsibilities(k, vt, resp, lse, java.util.Arrays.copyOfRange(wt, from, from + vt));
        for (int i = 0; i < vt; i++) {
          assertThat(Double.doubleToRawLongBits(lse[i])).isEqualTo(Double.doubleToRawLongBits(scalarLse[from + i]));
          for (int j = 0; j < k; j++) {
            assertThat(Double.doubleToRawLongBits(resp[j * vt + i]))
                .isEqualTo(Double.doubleToRawLongBits(scalarResp[j * tile + from + i]));
          }
        }
      }
    }
  }

  @Test
  void interpretedCodeGivesTheBitsOfCompiledCode() throws Exception {
    List<String> warm = ExpLogBits.digests();
    for (int i = 0; i < 30; i++) { // enough calls for C2 (and OSR) to compile every loop
      assertThat(ExpLogBits.digests()).isEqualTo(warm);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xint", "--add-modules=jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), ExpLogBits.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> interpreted;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      interpreted = r.lines().collect(Collectors.toList());
    }
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isZero();
    System.out.println("compiled: " + warm + "\ninterpreted: " + interpreted);
    assertThat(interpreted).isEqualTo(warm);
    assertThat(warm).hasSizeGreaterThanOrEqualTo(3);
  }

  private static String value(List<String> digests, String name) {
    return digests.stream().filter(s -> s.startsWith(name + " ")).findFirst().orElseThrow().split(" ")[1];
  }
}
