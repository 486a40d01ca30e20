package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** log Σ exp(a_j) against closed forms, including values whose exponentials over/underflow. */
class LogSumExpTest {

  private static final double LN2 = Math.log(2);
  private static final double NEG_INF = Double.NEGATIVE_INFINITY;

  @Test
  void twoEqualHugeTermsGiveTheTermPlusLn2() {
    // exp(1000) overflows; log(e^1000 + e^1000) = 1000 + ln 2 exactly.
    assertThat(LogSumExp.of(1000, 1000)).isCloseTo(1000 + LN2, within(1e-12));
  }

  @Test
  void twoEqualTinyTermsGiveTheTermPlusLn2() {
    // exp(-1000) underflows to 0, so a naive sum would give log 0 = -inf.
    assertThat(LogSumExp.of(-1000, -1000)).isCloseTo(-1000 + LN2, within(1e-12));
  }

  @Test
  void nEqualTermsGiveTheTermPlusLnN() {
    double[] a = new double[7];
    java.util.Arrays.fill(a, -745.5);
    assertThat(LogSumExp.of(a)).isCloseTo(-745.5 + Math.log(7), within(1e-12));
  }

  @Test
  void modestValuesMatchTheNaiveFormula() {
    // Where nothing overflows the direct formula is an independent reference.
    double naive = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assertThat(LogSumExp.of(1, 2, 3)).isCloseTo(naive, within(1e-14));
  }

  @Test
  void aNegligibleTermDoesNotMoveTheMaximum() {
    // log(e^0 + e^-1000) = log(1 + 4e-435) = 0 to double precision.
    assertThat(LogSumExp.of(0, -1000)).isEqualTo(0.0);
    assertThat(LogSumExp.of(1000, 0)).isEqualTo(1000.0);
  }

  @Test
  void minusInfinityTermsContributeNothing() {
    assertThat(LogSumExp.of(NEG_INF, 0)).isEqualTo(0.0);
    assertThat(LogSumExp.of(NEG_INF, 5, NEG_INF, 5)).isCloseTo(5 + LN2, within(1e-14));
    assertThat(LogSumExp.of(-1000, NEG_INF, -1000)).isCloseTo(-1000 + LN2, within(1e-12));
  }

  @Test
  void allMinusInfinityIsMinusInfinity() {
    assertThat(LogSumExp.of(NEG_INF, NEG_INF, NEG_INF)).isEqualTo(NEG_INF);
    assertThat(LogSumExp.of(NEG_INF)).isEqualTo(NEG_INF);
  }

  @Test
  void emptyIsMinusInfinity() {
    // The empty sum is 0 and log 0 = -inf.
    assertThat(LogSumExp.of()).isEqualTo(NEG_INF);
  }

  @Test
  void nanPropagates() {
    assertThat(LogSumExp.of(1, Double.NaN, 2)).isNaN();
    assertThat(LogSumExp.of(Double.NaN, NEG_INF)).isNaN();
  }

  @Test
  void ofRowReadsOnlyItsSlice() {
    // Row 1 of a 3 × 2 matrix is {1000, 1000}; its neighbours would change the answer.
    double[] m = {5, 7, 1000, 1000, -3, 9000};
    assertThat(LogSumExp.ofRow(m, 2, 2)).isCloseTo(1000 + LN2, within(1e-12));
    assertThat(m).containsExactly(5, 7, 1000, 1000, -3, 9000);
  }
}
