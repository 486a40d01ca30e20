package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.StatisticsSource;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.family.hmm.Emission;
import io.sparkem.family.hmm.HiddenMarkovModel;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.testing.HmmData;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baum–Welch over sequences loaded by {@link SequenceData}: the same θ whether the sequences lie
 * in 1 or 7 partitions, and the same as the in-memory fit of the same numbers (no Spark), from
 * the same start.
 */
class SequenceDataTest {

  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  @Test
  void oneOrSevenPartitionsAndNoSparkGiveTheSameModel() {
    HmmData.Truth truth = HmmData.truth(3, 2);
    double[][][] x = HmmData.draw(truth, 60, 50, 4, null);
    // Shuffled rows: the grouping must restore every sequence's order.
    Path csv = HmmData.csv(dir.resolve("hmm.csv"), x, 8L);
    HmmFamily<GaussianMixture> family = HmmFamily.wrap(Emission.GAUSSIAN,
        io.sparkem.family.gaussian.GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults()));
    HiddenMarkovModel<GaussianMixture> start = start(family, truth);
    SequenceColumns columns = SequenceColumns.of("seq", "t", false);
    InputSpec spec = InputSpec.csv(csv.toString()).withFeatures(List.of(HmmData.features(2)));

    List<HiddenMarkovModel<GaussianMixture>> fits = new ArrayList<>();
    for (int partitions : new int[] {1, 7}) {
      SequenceData.Loaded loaded = SequenceData.load(SparkTest.spark(), spec, family.recordCheck(), columns,
          partitions);
      try {
        assertThat(loaded.data().blocks().getNumPartitions()).isEqualTo(partitions);
        assertThat(loaded.sequences()).isEqualTo(60);
        assertThat(loaded.data().records()).isEqualTo(3000);
        fits.add(fit(family, start, new SparkStatisticsSource(SparkTest.jsc(), loaded.data())).model());
      } finally {
        loaded.data().release();
      }
    }
    // The same numbers as the CSV holds (written as floats), in memory, sequence by sequence.
    for (double[][] seq : x) {
      for (double[] row : seq) {
        for (int c = 0; c < row.length; c++) {
          row[c] = Double.parseDouble(Float.toString((float) row[c]));
        }
      }
    }
    fits.add(fit(family, start, new LocalStatisticsSource(
        HmmData.blocks(x, 11))).model());

    HiddenMarkovModel<GaussianMixture> one = fits.get(0);
    for (HiddenMarkovModel<GaussianMixture> other : fits.subList(1, 3)) {
      for (int i = 0; i < 3; i++) {
        assertThat(other.start()[i]).isCloseTo(one.start()[i], within(1e-9));
        for (int j = 0; j < 3; j++) {
          assertThat(other.transitions()[i][j]).isCloseTo(one.transitions()[i][j], within(1e-9));
        }
        for (int c = 0; c < 2; c++) {
          assertThat(other.emission().means()[i][c]).isCloseTo(one.emission().means()[i][c], within(1e-9));
        }
        for (int c = 0; c < 4; c++) {
          assertThat(other.emission().covariances()[i][c])
              .isCloseTo(one.emission().covariances()[i][c], within(1e-9));
        }
      }
    }
    // And the fit found the generator: 3 000 steps, every state's mean within 0.3.
    for (int i = 0; i < 3; i++) {
      assertThat(one.emission().means()[i][0]).isCloseTo(truth.means()[i][0], within(0.3));
      assertThat(one.transitions()[i][i]).isCloseTo(0.9, within(0.05));
    }
  }

  private static FitResult<HiddenMarkovModel<GaussianMixture>> fit(HmmFamily<GaussianMixture> family,
      HiddenMarkovModel<GaussianMixture> start, StatisticsSource data) {
    return EmLoop.run(family, start, data, new EmOptions(25, 0), (f, e, d) -> { });
  }

  /** A start away from the truth: means shifted, covariances doubled, transitions uniform-ish. */
  private static HiddenMarkovModel<GaussianMixture> start(HmmFamily<GaussianMixture> family, HmmData.Truth truth) {
    int k = truth.k();
    int d = truth.d();
    SplittableRandom rng = new SplittableRandom(1);
    double[][] means = new double[k][d];
    double[][] covs = new double[k][d * d];
    double[][] trans = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < d; c++) {
        means[i][c] = truth.means()[i][c] + rng.nextDouble() - 0.5;
        covs[i][c * d + c] = 2 * truth.sd()[i] * truth.sd()[i];
      }
      for (int j = 0; j < k; j++) {
        trans[i][j] = i == j ? 0.6 : 0.4 / (k - 1);
      }
    }
    GaussianMixture emission = new GaussianMixture(
        io.sparkem.family.gaussian.GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults()).shape(), truth.start(), means, covs);
    return new HiddenMarkovModel<>(truth.start(), trans, emission);
  }
}
