package io.sparkem.family.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.Sampling;
import io.sparkem.core.TraceEntry;
import io.sparkem.family.multinomial.MultinomialFamily;
import io.sparkem.family.multinomial.MultinomialMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Baum–Welch on the occasionally dishonest casino ({@link Casino}): 200 sequences of 300 rolls
 * (60 000 rolls, about 1 000 switches of die), started the way {@code fit} starts (a mixture fit
 * of the rolls, sticky transitions). Tolerances: every transition probability within 0.02 of the
 * truth, every face probability within 0.03, and Viterbi naming the die of more than 75% of the
 * rolls and within one point of the accuracy of Viterbi under the true θ (about 79% here).
 */
class CasinoTest {

  private static final HmmFamily<MultinomialMixture> FAMILY =
      HmmFamily.wrap(Emission.CATEGORICAL, new MultinomialFamily(false, 0));

  private static FitResult<HiddenMarkovModel<MultinomialMixture>> fit(List<Block> blocks, int maxIter) {
    LocalStatisticsSource data = new LocalStatisticsSource(blocks);
    HiddenMarkovModel<MultinomialMixture> start =
        Initializer.starts(FAMILY, data, 2, InitMethod.KMEANS_PLUS_PLUS, 1, 42).get(0);
    return EmLoop.run(FAMILY, start, data, new EmOptions(maxIter, 1e-9), (f, e, d) -> { });
  }

  @Test
  void recoversTheCasinoAndDecodesTheLoadedDie() {
    List<Casino.Sequence> seqs = Casino.generate(200, 300, 1998);
    FitResult<HiddenMarkovModel<MultinomialMixture>> fit = fit(Casino.blocks(seqs, 20), 500);
    HiddenMarkovModel<MultinomialMixture> theta = fit.model();
    // Relabel: the loaded state is the one with the larger P(6).
    int loaded = theta.emission().p()[1][5] > theta.emission().p()[0][5] ? 1 : 0;
    int[] map = {1 - loaded, loaded}; // map[true state] = fitted state
    System.out.printf("casino: %d iterations, converged %s, A = %s%n", fit.iterations(), fit.converged(),
        java.util.Arrays.deepToString(theta.transitions()));
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(theta.transitions()[map[i]][map[j]]).as("a_%d%d", i, j)
            .isCloseTo(Casino.TRANSITIONS[i][j], within(0.02));
      }
      for (int a = 0; a < 6; a++) {
        assertThat(theta.emission().p()[map[i]][a]).isCloseTo(Casino.FACES[i][a], within(0.03));
      }
    }
    // Log-likelihood never decreases.
    List<TraceEntry> trace = fit.trace();
    for (int t = 1; t < trace.size(); t++) {
      assertThat(trace.get(t).logLikelihood())
          .isGreaterThanOrEqualTo(trace.get(t - 1).logLikelihood() - 1e-9 * Math.abs(trace.get(t - 1).logLikelihood()));
    }
    MultinomialMixture trueEmission = new MultinomialMixture(new double[] {0.5, 0.5}, Casino.FACES);
    double best = accuracy(seqs, new HiddenMarkovModel<>(Casino.START, Casino.TRANSITIONS, trueEmission),
        new int[] {0, 1});
    double accuracy = accuracy(seqs, theta, map);
    System.out.printf("casino: Viterbi accuracy %.4f (under the true θ %.4f)%n", accuracy, best);
    // A loaded stretch lasts 10 rolls on average and a non-six favours the fair die 0.6 : 1, so
    // even the true θ names the die of only about 79% of the rolls; the fitted θ must do as well.
    assertThat(accuracy).isGreaterThan(0.75).isGreaterThan(best - 0.01);
  }

  /** The share of rolls whose die the Viterbi path names, {@code map[true die]} = state. */
  private static double accuracy(List<Casino.Sequence> seqs, HiddenMarkovModel<MultinomialMixture> theta,
      int[] map) {
    HmmEStep step = FAMILY.eStep(theta);
    long right = 0;
    long total = 0;
    for (Block b : Casino.blocks(seqs, 1)) {
      int[] states = new int[b.rows()];
      double[] gamma = new double[b.rows() * 2];
      step.decode(b, gamma, states);
      Casino.Sequence s = seqs.get((int) total / 300);
      for (int t = 0; t < b.rows(); t++) {
        right += states[t] == map[s.dice()[t]] ? 1 : 0;
      }
      total += b.rows();
    }
    return (double) right / total;
  }

  @Test
  void blockingDoesNotChangeTheFit() {
    List<Casino.Sequence> seqs = Casino.generate(40, 100, 7);
    HiddenMarkovModel<MultinomialMixture> one = fit(Casino.blocks(seqs, 40), 30).model();
    HiddenMarkovModel<MultinomialMixture> seven = fit(Casino.blocks(seqs, 6), 30).model();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(seven.transitions()[i][j]).isCloseTo(one.transitions()[i][j], within(1e-9));
      }
    }
  }

  @Test
  void sampleOfSequenceBlocksIsPlainRecords() {
    Block b = Casino.blocks(Casino.generate(3, 10, 1), 3).get(0);
    assertThat(b.sequences()).isEqualTo(3);
    assertThat(Sampling.sample(List.of(b), b.rows(), 5, 1).sequenceOffsets()).isNull();
  }
}
