package io.sparkem.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Escaping, number formatting and axis ticks. */
class TextTest {

  @Test
  void escapesMarkupAndQuotes() {
    assertThat(Text.escape("<script>alert(\"x\")</script> & 'y'"))
        .isEqualTo("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
    assertThat(Text.escape(null)).isEmpty();
  }

  @Test
  void formatsNumbersForPeople() {
    assertThat(Text.number(-674.488123)).isEqualTo("-674.488");
    assertThat(Text.number(0.5)).isEqualTo("0.5");
    assertThat(Text.number(12)).isEqualTo("12");
    assertThat(Text.number(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(Text.number(2.5e12)).isEqualTo("2.5e+12");
    assertThat(Text.number(0)).isEqualTo("0");
    assertThat(Text.number(Double.NaN)).isEqualTo("NaN");
    assertThat(Text.number(1375.4812345, 10)).isEqualTo("1375.481235");
  }

  @Test
  void ticksAreNiceNumbersCoveringTheData() {
    Ticks t = Ticks.of(0.3, 9.3, 5);
    assertThat(t.step()).isEqualTo(2);
    assertThat(t.lo()).isEqualTo(0);
    assertThat(t.hi()).isEqualTo(10);
    assertThat(t.values()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
    Ticks small = Ticks.of(-675.2, -674.1, 5);
    assertThat(small.step()).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-12)); // 1.1/5 = 0.22 → 0.5
    assertThat(small.lo()).isEqualTo(-675.5);
    assertThat(small.label(-674.5)).isEqualTo("-674.5");
    Ticks single = Ticks.of(5, 5, 4); // one value: a window around it, no division by zero
    assertThat(single.lo()).isLessThan(5);
    assertThat(single.hi()).isGreaterThan(5);
  }
}
