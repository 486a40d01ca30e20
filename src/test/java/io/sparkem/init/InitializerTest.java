package io.sparkem.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianFixtures;
import io.sparkem.family.gaussian.GaussianMixture;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Starting points are reproducible from the seed, differ between seeds, and ignore partitioning. */
class InitializerTest {

  private static final GaussianFamily FAMILY = GaussianFixtures.family(1e-6);
  /** A uniform cloud: no cluster structure, so different seeds settle in different clusterings. */
  private static final double[][] CLOUD = uniform(new SplittableRandom(5), 600, 2);

  private static double[][] uniform(SplittableRandom rng, int n, int d) {
    double[][] rows = new double[n][d];
    for (double[] r : rows) {
      for (int a = 0; a < d; a++) {
        r[a] = rng.nextDouble(-10, 10);
      }
    }
    return rows;
  }

  private static List<GaussianMixture> starts(int parts, InitMethod method, int restarts, long seed) {
    LocalStatisticsSource data = GaussianFixtures.source(CLOUD, parts);
    return Initializer.starts(FAMILY, data, 6, method, restarts, seed);
  }

  private static boolean same(GaussianMixture a, GaussianMixture b) {
    if (!Arrays.equals(a.weights(), b.weights())) {
      return false;
    }
    for (int j = 0; j < a.k(); j++) {
      if (!Arrays.equals(a.means()[j], b.means()[j])
          || !Arrays.equals(a.fullCovariance(j), b.fullCovariance(j))) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @EnumSource(InitMethod.class)
  void sameSeedGivesTheSameStart(InitMethod method) {
    assertThat(same(starts(1, method, 1, 77).get(0), starts(1, method, 1, 77).get(0))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(InitMethod.class)
  void differentSeedsGiveDifferentStarts(InitMethod method) {
    GaussianMixture a = starts(1, method, 1, 77).get(0);
    assertThat(same(a, starts(1, method, 1, 78).get(0))).isFalse();
    assertThat(same(a, starts(1, method, 1, 1234).get(0))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(InitMethod.class)
  void partitioningDoesNotChangeTheStart(InitMethod method) {
    assertThat(same(starts(1, method, 1, 77).get(0), starts(5, method, 1, 77).get(0))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(InitMethod.class)
  void restartRIsReproducibleOnItsOwn(InitMethod method) {
    // With all rows in the sample, restart r of seed s draws exactly like restart 0 of seed s + r.
    List<GaussianMixture> three = starts(1, method, 3, 40);
    assertThat(same(three.get(2), starts(1, method, 1, 42).get(0))).isTrue();
    assertThat(same(three.get(0), three.get(1))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(InitMethod.class)
  void startIsAValidMixture(InitMethod method) {
    GaussianMixture m = starts(3, method, 1, 9).get(0);
    assertThat(m.k()).isEqualTo(6);
    assertThat(Arrays.stream(m.weights()).sum()).isCloseTo(1.0, within(1e-12));
    for (int j = 0; j < m.k(); j++) {
      assertThat(m.weights()[j]).isPositive();
      double[] c = m.fullCovariance(j);
      assertThat(c[0]).isPositive();
      assertThat(c[0] * c[3] - c[1] * c[2]).isPositive(); // 2 × 2 SPD: positive diagonal and det
      assertThat(c[1]).isEqualTo(c[2]);
    }
  }

  @Test
  void kmeansPlusPlusFindsWellSeparatedClusters() {
    // Three tight clusters around (0,0), (20,0), (0,20) (sd 0.5, 300 rows each, so the cluster
    // means lie within ~0.1 of the truth): k-means++ then Lloyd puts one start mean on each.
    double[][] truth = {{0, 0}, {20, 0}, {0, 20}};
    double[][] tight = {{0.5, 0, 0, 0.5}, {0.5, 0, 0, 0.5}, {0.5, 0, 0, 0.5}};
    double[][] rows = GaussianFixtures.draw(new SplittableRandom(12), 900,
        new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, truth, tight);
    for (long seed = 1; seed <= 5; seed++) {
      GaussianMixture m = Initializer.starts(FAMILY, GaussianFixtures.source(rows, 2), 3,
          InitMethod.KMEANS_PLUS_PLUS, 1, seed).get(0);
      for (double[] t : truth) {
        boolean found = Arrays.stream(m.means())
            .anyMatch(mu -> Math.hypot(mu[0] - t[0], mu[1] - t[1]) < 0.2);
        assertThat(found).as("seed %d: a start mean near (%s, %s)", seed, t[0], t[1]).isTrue();
      }
      assertThat(m.weights()).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(0.06));
    }
  }
}
