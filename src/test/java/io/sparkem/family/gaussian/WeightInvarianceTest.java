package io.sparkem.family.gaussian;

import static io.sparkem.family.gaussian.GaussianFixtures.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A record of weight m is the same data as m unit-weight copies of it: same θ, same LL. */
class WeightInvarianceTest {

  private static final double[][] ROWS = GaussianFixtures.overlapping(new SplittableRandom(8), 400, 2);
  private static final GaussianFamily FAMILY = GaussianFixtures.family(1e-6);
  private static final EmOptions OPTIONS = new EmOptions(25, 0);

  private static GaussianMixture start() {
    return GaussianFixtures.theta(new double[] {0.4, 0.3, 0.3},
        new double[][] {{-0.5, 0}, {2.5, 0.5}, {0, 2.5}},
        new double[][] {identity(2), identity(2), identity(2)});
  }

  private static FitResult<GaussianMixture> fit(List<Block> blocks) {
    return EmLoop.run(FAMILY, start(), new LocalStatisticsSource(blocks), OPTIONS,
        IterationListener.SILENT);
  }

  @Test
  void duplicatedRowsEqualWeightTwo() {
    double[] two = new double[ROWS.length];
    java.util.Arrays.fill(two, 2.0);
    // The copies sit in different blocks: all rows once, then all rows again.
    List<Block> copies = new ArrayList<>(GaussianFixtures.split(ROWS, null, 2));
    copies.addAll(GaussianFixtures.split(ROWS, null, 3));
    FitResult<GaussianMixture> duplicated = fit(copies);
    FitResult<GaussianMixture> weighted = fit(GaussianFixtures.split(ROWS, two, 2));

    assertThat(duplicated.records()).isEqualTo(2L * ROWS.length);
    assertThat(weighted.records()).isEqualTo(ROWS.length);
    assertThat(weighted.totalWeight()).isEqualTo(duplicated.totalWeight());
    assertThat(weighted.logLikelihood())
        .isCloseTo(duplicated.logLikelihood(), within(1e-12 * Math.abs(duplicated.logLikelihood())));
    GaussianFixtures.assertSameTheta(weighted.model(), duplicated.model(), 1e-9);
  }

  @Test
  void integerWeightsEqualThatManyCopies() {
    double[] w = new double[ROWS.length];
    List<double[]> copies = new ArrayList<>();
    for (int i = 0; i < ROWS.length; i++) {
      w[i] = 1 + i % 3;
      for (int c = 0; c < w[i]; c++) {
        copies.add(ROWS[i]);
      }
    }
    FitResult<GaussianMixture> replicated =
        fit(GaussianFixtures.split(copies.toArray(new double[0][]), null, 4));
    FitResult<GaussianMixture> weighted = fit(GaussianFixtures.split(ROWS, w, 4));
    assertThat(weighted.logLikelihood())
        .isCloseTo(replicated.logLikelihood(), within(1e-12 * Math.abs(replicated.logLikelihood())));
    GaussianFixtures.assertSameTheta(weighted.model(), replicated.model(), 1e-9);
  }

  @Test
  void weightZeroEqualsAbsent() {
    // Appending far-away records with weight 0 changes nothing (they must not even add 0·(−∞)).
    double[][] withOutliers = java.util.Arrays.copyOf(ROWS, ROWS.length + 2);
    withOutliers[ROWS.length] = new double[] {1e3, -1e3};
    withOutliers[ROWS.length + 1] = new double[] {-1e3, 1e3};
    double[] w = new double[withOutliers.length];
    java.util.Arrays.fill(w, 0, ROWS.length, 1.0);
    FitResult<GaussianMixture> zeroWeighted = fit(GaussianFixtures.split(withOutliers, w, 3));
    FitResult<GaussianMixture> without = fit(GaussianFixtures.split(ROWS, null, 3));
    assertThat(zeroWeighted.logLikelihood())
        .isCloseTo(without.logLikelihood(), within(1e-12 * Math.abs(without.logLikelihood())));
    GaussianFixtures.assertSameTheta(zeroWeighted.model(), without.model(), 1e-9);
  }
}
