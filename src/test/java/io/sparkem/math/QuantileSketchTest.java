package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sketch against exact weighted ranks computed here by sorting everything: every quantile it
 * returns has a true rank within its own error bound of the level asked, on adversarial orders
 * (sorted, reversed, organ-pipe), random weights, heavy atoms and merges in any grouping; the bound
 * itself stays under the documented H/(2m); below m values it is exact.
 */
class QuantileSketchTest {

  private static final double[] LEVELS = {0, 0.0005, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1};

  /** Exact weighted ranks: R(v) = weight of values ≤ v, R(v⁻) = weight of values < v. */
  private record Exact(double[] v, double[] w, double total) {
    static Exact of(double[] values, double[] weights) {
      Integer[] order = new Integer[values.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
      double[] v = new double[values.length];
      double[] w = new double[values.length];
      double t = 0;
      for (int i = 0; i < order.length; i++) {
        v[i] = values[order[i]];
        w[i] = weights[order[i]];
        t += w[i];
      }
      return new Exact(v, w, t);
    }

    double atMost(double x) {
      double s = 0;
      for (int i = 0; i < v.length && v[i] <= x; i++) {
        s += w[i];
      }
      return s;
    }

    double below(double x) {
      double s = 0;
      for (int i = 0; i < v.length && v[i] < x; i++) {
        s += w[i];
      }
      return s;
    }

    /** The exact weighted q-quantile (smallest v with R(v) ≥ qW). */
    double quantile(double q) {
      double s = 0;
      for (int i = 0; i < v.length; i++) {
        s += w[i];
        if (s >= q * total) {
          return v[i];
        }
      }
      return v[v.length - 1];
    }
  }

  private static void assertWithinBound(QuantileSketch sketch, Exact exact) {
    double eps = sketch.relativeErrorBound();
    double[] q = sketch.quantiles(LEVELS);
    for (int i = 0; i < LEVELS.length; i++) {
      double slack = 1e-12 * exact.total;
      assertThat(exact.atMost(q[i])).as("R(v) at level %s", LEVELS[i])
          .isGreaterThanOrEqualTo((LEVELS[i] - eps) * exact.total - slack);
      assertThat(exact.below(q[i])).as("R(v-) at level %s", LEVELS[i])
          .isLessThanOrEqualTo((LEVELS[i] + eps) * exact.total + slack);
    }
    assertThat(sketch.weight()).isCloseTo(exact.total, org.assertj.core.data.Offset.offset(1e-9 * exact.total));
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  @Test
  void belowOneSummaryTheQuantilesAreExact() {
    SplittableRandom rng = new SplittableRandom(1);
    double[] v = new double[500];
    double[] w = new double[500];
    QuantileSketch s = new QuantileSketch(1000);
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
      w[i] = 1 + rng.nextInt(3);
      s.add(v[i], w[i]);
    }
    Exact exact = Exact.of(v, w);
    assertThat(s.errorBound()).isZero();
    double[] q = s.quantiles(LEVELS);
    for (int i = 0; i < LEVELS.length; i++) {
      assertThat(q[i]).isEqualTo(exact.quantile(LEVELS[i]));
    }
  }

  @Test
  void adversarialOrdersStayWithinTheBoundTheyReport() {
    int n = 60_000;
    int m = 64;
    double[] sorted = new double[n];
    double[] reversed = new double[n];
    double[] pipe = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = i;
      reversed[i] = n - i;
      pipe[i] = i < n / 2 ? i : n - i; // every value twice, up then down
    }
    for (double[] v : List.of(sorted, reversed, pipe)) {
      QuantileSketch s = new QuantileSketch(m);
      for (double x : v) {
        s.add(x, 1);
      }
      assertWithinBound(s, Exact.of(v, ones(n)));
      // H ≤ log2(n/m) + 1 generations, each reduction at most W/(2m).
      double generations = Math.floor(Math.log(n / (double) m) / Math.log(2)) + 1;
      assertThat(s.relativeErrorBound()).isLessThanOrEqualTo(generations / (2.0 * m)).isGreaterThan(0);
    }
  }

  @Test
  void randomWeightsAndHeavyAtomsStayWithinTheBound() {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 40_000;
    double[] v = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.floor(rng.nextGaussian() * 50) / 10; // many ties
      w[i] = rng.nextDouble() < 0.001 ? 500 : rng.nextDouble() * 3; // a few heavy records, some ~0
    }
    QuantileSketch s = new QuantileSketch(128);
    for (int i = 0; i < n; i++) {
      s.add(v[i], w[i]);
    }
    assertWithinBound(s, Exact.of(v, w));
  }

  @Test
  void mergesInAnyGroupingStayWithinTheBoundAndLeaveTheirArgumentAlone() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 50_000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble() < 0.5 ? rng.nextGaussian() : 10 + 3 * rng.nextGaussian();
    }
    // 37 uneven "partitions", merged left to right and as a balanced tree.
    List<QuantileSketch> parts = new ArrayList<>();
    int at = 0;
    for (int p = 0; p < 37; p++) {
      int len = p == 36 ? n - at : rng.nextInt(2 * n / 37);
      len = Math.min(len, n - at);
      QuantileSketch s = new QuantileSketch(100);
      for (int i = at; i < at + len; i++) {
        s.add(v[i], 1);
      }
      parts.add(s);
      at += len;
    }
    QuantileSketch chain = new QuantileSketch(100);
    for (QuantileSketch s : parts) {
      chain.merge(s);
    }
    Exact exact = Exact.of(v, ones(n));
    assertThat(chain.count()).isEqualTo(n);
    assertWithinBound(chain, exact);
    List<QuantileSketch> level = new ArrayList<>(parts);
    long firstCount = parts.get(0).count();
    double[] firstQuantiles = parts.get(0).quantiles(LEVELS);
    while (level.size() > 1) {
      List<QuantileSketch> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        QuantileSketch a = new QuantileSketch(100).merge(level.get(i));
        next.add(i + 1 < level.size() ? a.merge(level.get(i + 1)) : a);
      }
      level = next;
    }
    assertWithinBound(level.get(0), exact);
    assertThat(parts.get(0).count()).isEqualTo(firstCount);
    assertThat(parts.get(0).quantiles(LEVELS)).containsExactly(firstQuantiles);
  }

  @Test
  void theDefaultSizeBoundsAMillionValuesWellUnderOnePerMille() {
    SplittableRandom rng = new SplittableRandom(11);
    QuantileSketch s = new QuantileSketch();
    int n = 1_000_000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = -0.5 * rng.nextGaussian() * rng.nextGaussian() - 5;
      s.add(v[i], 1);
    }
    assertThat(s.relativeErrorBound()).isLessThanOrEqualTo(0.001);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double[] q = s.quantiles(0.001, 0.01, 0.05, 0.5);
    double[] levels = {0.001, 0.01, 0.05, 0.5};
    for (int i = 0; i < levels.length; i++) {
      int rank = Arrays.binarySearch(sorted, q[i]);
      assertThat(Math.abs((rank + 1) / (double) n - levels[i])).isLessThanOrEqualTo(s.relativeErrorBound() + 1e-6);
    }
  }

  @Test
  void refusesWhatHasNoRank() {
    QuantileSketch s = new QuantileSketch(16);
    assertThatThrownBy(() -> s.add(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.add(1, -1)).isInstanceOf(IllegalArgumentException.class);
    s.add(3, 0);
    assertThat(s.count()).isEqualTo(1);
    assertThatThrownBy(s::quantiles).isInstanceOf(IllegalStateException.class);
  }
}
