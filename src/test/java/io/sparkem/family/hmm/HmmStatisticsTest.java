package io.sparkem.family.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.StatisticsContract;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.testing.HmmData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hidden Markov model's statistics in model.json (start and transition counts around the
 * emission family's own statistics) round-trip through JSON exactly, giving the same M-step bits;
 * and its per-record log-densities, log p(x_t | x_0..x_{t−1}), add up to each pass's
 * log-likelihood (Σ over sequences of log P(sequence)). An HMM has no density per independent
 * record to collect in a sketch.
 */
class HmmStatisticsTest {

  @Test
  void statisticsRoundTripAndPerRecordDensitiesAddUp() throws Exception {
    HmmData.Truth truth = HmmData.truth(3, 2);
    List<Block> blocks = HmmData.blocks(HmmData.draw(truth, 20, 50, 5, null), 4);
    LocalStatisticsSource data = new LocalStatisticsSource(blocks);
    HmmFamily<GaussianMixture> family = HmmFamily.wrap(Emission.GAUSSIAN,
        GaussianFamily.of(CovarianceType.FULL, new FamilyOptions(1e-6, false)));
    HiddenMarkovModel<GaussianMixture> theta = EmLoop.run(family,
        Initializer.starts(family, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 3).get(0), data, new EmOptions(5, 0),
        (f, e, d) -> { }).model();
    SufficientStats stats = data.pass(List.of(family.eStep(theta))).get(0);
    SufficientStats back = StatisticsContract.throughJson(family, stats, theta);
    HiddenMarkovModel<GaussianMixture> a = family.mStep(stats, theta).model();
    HiddenMarkovModel<GaussianMixture> b = family.mStep(back, theta).model();
    assertThat(b.flatTransitions()).containsExactly(a.flatTransitions());
    assertThat(b.start()).containsExactly(a.start());
    assertThat(b.emission().means()).isDeepEqualTo(a.emission().means());

    double sum = 0;
    for (Block block : blocks) {
      double[] ld = new double[block.rows()];
      double ll = family.eStep(theta).decode(block, new double[block.rows() * 3], new int[block.rows()], ld);
      double blockSum = 0;
      for (double v : ld) {
        blockSum += v;
      }
      assertThat(blockSum).isCloseTo(ll, within(1e-12 * Math.abs(ll)));
      sum += blockSum;
    }
    assertThat(sum).isCloseTo(stats.logLikelihood(), within(1e-9 * Math.abs(stats.logLikelihood())));
    assertThat(family.eStep(theta).collectingDensities(new double[0])).isEmpty();
  }
}
