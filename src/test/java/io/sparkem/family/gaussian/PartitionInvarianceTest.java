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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics merge associatively: the same rows in 1, 3 or 7 blocks (and with empty blocks mixed
 * in, as an empty Spark partition) give the same θ and LL up to rounding.
 */
class PartitionInvarianceTest {

  private static FitResult<GaussianMixture> fit(double[][] rows, int d, int parts, boolean empties) {
    List<Block> blocks = new ArrayList<>(GaussianFixtures.split(rows, null, parts));
    if (empties) {
      blocks.add(0, new Block(0, d, new double[0], new double[0]));
      blocks.add(new Block(0, d, new double[0], new double[0]));
    }
    double[][] means = new double[3][d];
    means[1][0] = 2.5;
    means[2][1] = 2.5;
    GaussianMixture start = GaussianFixtures.theta(new double[] {0.2, 0.3, 0.5}, means,
        new double[][] {identity(d), identity(d), identity(d)});
    return EmLoop.run(GaussianFixtures.family(1e-6), start, new LocalStatisticsSource(blocks),
        new EmOptions(30, 0), IterationListener.SILENT);
  }

  @ParameterizedTest(name = "d={0}")
  @ValueSource(ints = {2, 4})
  void oneThreeAndSevenBlocksAgree(int d) {
    double[][] rows = GaussianFixtures.overlapping(new SplittableRandom(31 + d), 700, d);
    FitResult<GaussianMixture> one = fit(rows, d, 1, false);
    for (int parts : new int[] {3, 7}) {
      for (boolean empties : new boolean[] {false, true}) {
        FitResult<GaussianMixture> other = fit(rows, d, parts, empties);
        assertThat(other.records()).isEqualTo(700);
        assertThat(other.iterations()).isEqualTo(one.iterations());
        assertThat(other.logLikelihood())
            .isCloseTo(one.logLikelihood(), within(1e-12 * Math.abs(one.logLikelihood())));
        GaussianFixtures.assertSameTheta(other.model(), one.model(), 1e-9);
      }
    }
  }
}
