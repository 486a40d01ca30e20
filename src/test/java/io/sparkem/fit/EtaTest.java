package io.sparkem.fit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress line's ETA: mean seconds per iteration × iterations left, as an upper bound. */
class EtaTest {

  @Test
  void formatsSecondsMinutesAndHours() {
    assertThat(Eta.format(0.5, 24)).isEqualTo("eta ≤ 12 s");        // 12 s
    assertThat(Eta.format(1.2, 3)).isEqualTo("eta ≤ 3.6 s");        // 3.6 s, one decimal below 10 s
    assertThat(Eta.format(0.031, 97)).isEqualTo("eta ≤ 3.1 s");     // 3.007 s rounds up
    assertThat(Eta.format(2, 100)).isEqualTo("eta ≤ 3 min 20 s");   // 200 s
    assertThat(Eta.format(60, 125)).isEqualTo("eta ≤ 2 h 05 min");  // 7,500 s
    assertThat(Eta.format(9.99, 1)).isEqualTo("eta ≤ 10 s");        // not "10.0 s"
  }

  @Test
  void saysNothingWhenNoIterationIsLeftOrNothingIsKnown() {
    assertThat(Eta.format(1, 0)).isEmpty();
    assertThat(Eta.format(Double.NaN, 5)).isEmpty();
  }
}
