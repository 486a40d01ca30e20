package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ln Γ against values computed independently with mpmath at 30 digits:
 * <pre>
 *   import mpmath as m; m.mp.dps = 30
 *   for x in ['0.5', '1', ...]: print(x, m.nstr(m.loggamma(m.mpf(x)), 20))
 * </pre>
 */
class LogGammaTest {

  @ParameterizedTest
  @CsvSource({
      "0.5, 0.57236494292470008707",
      "1, 0.0",
      "1.5, -0.12078223763524522235",
      "2, 0.0",
      "3.7, 1.4280723266653879219",
      "0.001, 6.9071788853838536825",
      "1e-5, 11.512919692895825707",
      "7.25, 7.0521854507385394449",
      "10, 12.801827480081469611",
      "14.999, 25.188546870546926425",
      "15, 25.1912211827386815",
      "15.5, 26.536914491115613624",
      "100, 359.13420536957539878",
      "171.5, 709.14316303092824227",
      "1000, 5905.2204232091812118",
      "1024, 6071.280412944450661",
      "1e6, 12815504.56914761166",
      "0.9999, 0.000057729791561200221734",
      "2.0001, 0.000042281658112830712025"})
  void matchesMpmath(double x, double expected) {
    assertThat(LogGamma.lgamma(x)).isCloseTo(expected, within(1e-14 * Math.max(1, Math.abs(expected))));
  }

  @Test
  void closedForms() {
    assertThat(LogGamma.lgamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-15));
    assertThat(LogGamma.lgamma(10)).isCloseTo(Math.log(362880), within(1e-14));
    assertThat(LogGamma.logFactorial(0)).isZero();
    assertThat(LogGamma.logFactorial(1)).isZero();
    assertThat(LogGamma.logFactorial(5)).isEqualTo(Math.log(120));
  }

  @Test
  void logFactorialAgreesWithSummedLogsAcrossTheTableEdge() {
    double sum = 0;
    for (int n = 1; n <= 3000; n++) {
      sum += Math.log(n);
      assertThat(LogGamma.logFactorial(n)).as("ln %d!", n).isCloseTo(sum, within(1e-12 * sum));
    }
    // mpmath: log(factorial(2000)) and log(binomial(1000, 317))
    assertThat(LogGamma.logFactorial(2000)).isCloseTo(13206.524350513806756, within(1e-10));
    assertThat(LogGamma.logBinomial(1000, 317)).isCloseTo(620.9793668072636663, within(1e-10));
  }

  @Test
  void edges() {
    assertThat(LogGamma.lgamma(0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(LogGamma.lgamma(-1)).isNaN();
    assertThat(LogGamma.lgamma(Double.NaN)).isNaN();
    assertThat(LogGamma.lgamma(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(LogGamma.logBinomial(10, 0)).isZero();
    assertThat(LogGamma.logBinomial(10, 3)).isCloseTo(Math.log(120), within(1e-14));
  }
}
