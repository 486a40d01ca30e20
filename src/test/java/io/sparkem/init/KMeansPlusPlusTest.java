package io.sparkem.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.NearestCentre;
import io.sparkem.family.gaussian.GaussianFixtures;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** k-means++ seeding and Lloyd refinement on small hand-checkable samples. */
class KMeansPlusPlusTest {

  private static boolean isRowOf(Block b, double[] c) {
    for (int i = 0; i < b.rows(); i++) {
      if (Arrays.equals(Arrays.copyOfRange(b.x(), i * b.dim(), (i + 1) * b.dim()), c)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void seedsAreDistinctRowsOfTheSample() {
    double[][] rows = GaussianFixtures.overlapping(new SplittableRandom(3), 500, 3);
    Block sample = Block.unweighted(3, rows);
    for (long seed = 0; seed < 20; seed++) {
      double[][] centres = KMeansPlusPlus.seed(sample, 6, new SplittableRandom(seed));
      assertThat(centres).hasNumberOfRows(6);
      for (int j = 0; j < 6; j++) {
        assertThat(isRowOf(sample, centres[j])).as("centre %d is a sample row", j).isTrue();
        for (int i = 0; i < j; i++) {
          assertThat(centres[j]).isNotEqualTo(centres[i]);
        }
      }
    }
  }

  @Test
  void twoDistinctValuesAreBothChosen() {
    // Five copies of 0 and one 10: once a centre sits on one value, every row at that value has
    // D² = 0, so the second centre must be the other value, whatever the draw.
    Block b = Block.unweighted(1, new double[][] {{0}, {0}, {10}, {0}, {0}, {0}});
    for (long seed = 0; seed < 20; seed++) {
      double[][] c = KMeansPlusPlus.seed(b, 2, new SplittableRandom(seed));
      assertThat(new double[] {c[0][0], c[1][0]}).containsExactlyInAnyOrder(0.0, 10.0);
    }
  }

  @Test
  void zeroWeightRowsAreNeverSeeds() {
    // Rows 2 and 3 (far away, so D² would favour them) have weight 0.
    Block b = new Block(4, 1, new double[] {0, 1, 100, -100}, new double[] {1, 1, 0, 0});
    for (long seed = 0; seed < 20; seed++) {
      double[][] c = KMeansPlusPlus.seed(b, 2, new SplittableRandom(seed));
      assertThat(new double[] {c[0][0], c[1][0]}).containsExactlyInAnyOrder(0.0, 1.0);
    }
  }

  @Test
  void rowsBeyondTheBlockAreNeverSeeds() {
    // Block allows arrays longer than rows × dim (a reused buffer); entries past row 2 are not data.
    Block b = new Block(3, 1, new double[] {1, 2, 3, 99, 99, 99}, new double[] {1, 1, 1, 5, 5, 5});
    for (long seed = 0; seed < 20; seed++) {
      double[][] c = KMeansPlusPlus.seed(b, 2, new SplittableRandom(seed));
      assertThat(new double[] {c[0][0], c[1][0]}).doesNotContain(99.0);
    }
  }

  @Test
  void firstSeedFollowsTheWeights() {
    // Row weights 1 and 3: the first centre is row 1 with probability 3/4. 4000 draws: sd of the
    // frequency √(0.75·0.25/4000) ≈ 0.0068; allow 5 sd.
    Block b = new Block(2, 1, new double[] {0, 1}, new double[] {1, 3});
    SplittableRandom rng = new SplittableRandom(9);
    int ones = 0;
    for (int t = 0; t < 4000; t++) {
      ones += KMeansPlusPlus.seed(b, 1, rng)[0][0] == 1 ? 1 : 0;
    }
    assertThat(ones / 4000.0).isCloseTo(0.75, within(0.035));
  }

  @Test
  void lloydConvergesToTheHandComputedClusters() {
    // 1-D rows 0, 1, 10, 11 from centres 0 and 1: first assignment {0}, {1, 10, 11}; means 0 and
    // 22/3 → assignment {0, 1}, {10, 11}; means 0.5 and 10.5 → stable.
    Block b = Block.unweighted(1, new double[][] {{0}, {1}, {10}, {11}});
    double[][] centres = {{0}, {1}};
    int[] labels = KMeansPlusPlus.lloyd(b, centres, 20);
    assertThat(labels).containsExactly(0, 0, 1, 1);
    assertThat(centres[0][0]).isCloseTo(0.5, within(1e-15));
    assertThat(centres[1][0]).isCloseTo(10.5, within(1e-15));
  }

  @Test
  void lloydUsesWeightedMeans() {
    // Weights 1 and 3 on rows 0 and 4: the centre is (0·1 + 4·3)/4 = 3.
    Block b = new Block(3, 1, new double[] {0, 4, 100}, new double[] {1, 3, 1});
    double[][] centres = {{1}, {90}};
    KMeansPlusPlus.lloyd(b, centres, 20);
    assertThat(centres[0][0]).isEqualTo(3.0);
    assertThat(centres[1][0]).isEqualTo(100.0);
  }

  @Test
  void nearestCentreBreaksTiesTowardsTheLowestIndex() {
    // Row 1 is at distance 1 from both centres.
    Block b = Block.unweighted(2, new double[][] {{0, 0}, {1, 0}, {2, 0}});
    int[] labels = NearestCentre.labels(b, new double[][] {{2, 0}, {0, 0}});
    assertThat(labels).containsExactly(1, 0, 0);
    assertThat(NearestCentre.squaredDistance(b, 2, new double[] {-1, 4})).isEqualTo(25.0);
  }
}
