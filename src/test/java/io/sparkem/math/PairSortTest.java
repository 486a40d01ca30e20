package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sketch's radix sort against the JDK's sort: same order of values, weights carried along, stable. */
class PairSortTest {

  @Test
  void sortsLikeTheJdkAndCarriesTheWeights() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int n : new int[] {0, 1, 2, 17, 1000, 20_000}) {
      double[] v = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = switch (i % 7) {
          case 0 -> -rng.nextDouble() * 1e-300;
          case 1 -> 0.0;
          case 2 -> -0.0;
          case 3 -> Math.floor(rng.nextGaussian() * 3); // ties
          case 4 -> -40 + rng.nextGaussian();
          case 5 -> rng.nextDouble() * 1e300;
          default -> -Double.MAX_VALUE * rng.nextDouble();
        };
        w[i] = v[i] * 2 + 1; // a weight that says which value it belongs to
      }
      double[] expected = v.clone();
      Arrays.sort(expected);
      PairSort.sort(v, w, n);
      assertThat(v).containsExactly(expected);
      for (int i = 0; i < n; i++) {
        assertThat(w[i]).isEqualTo(v[i] * 2 + 1);
      }
    }
  }

  @Test
  void equalWeightsStayPutAndKeysRoundTrip() {
    double[] v = {3, -1, 2, -7.5, 0};
    double[] w = {2, 2, 2, 2, 2};
    PairSort.sort(v, w, v.length);
    assertThat(v).containsExactly(-7.5, -1, 0, 2, 3);
    assertThat(w).containsOnly(2.0);
    for (double x : new double[] {-0.0, 0.0, 1e-310, -1e-310, 5, -5, Double.MAX_VALUE, -Double.MAX_VALUE}) {
      assertThat(PairSort.value(PairSort.key(x))).isEqualTo(x);
    }
  }
}
