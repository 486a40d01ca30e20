package io.sparkem.family.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.FamilyOptions;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.family.multinomial.MultinomialFamily;
import io.sparkem.family.multinomial.MultinomialMixture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Forward–backward and Viterbi against the definition: on sequences of length 1..8 with k = 2,
 * P(x) = Σ over all 2^T state paths of π_{s_0} f_{s_0}(x_0) Π_t a_{s_{t−1} s_t} f_{s_t}(x_t),
 * γ_t(j) and Σ_t ξ_t(i, j) the path-weighted shares, the Viterbi path the arg max — enumerated
 * directly in double precision.
 */
class BruteForceTest {

  private static final double[] START = {0.3, 0.7};
  private static final double[][] TRANS = {{0.85, 0.15}, {0.4, 0.6}};

  /** Sums over every path of one sequence: [0] = P(x), γ (T × 2), Σξ (2 × 2), best path. */
  private record Enumerated(double likelihood, double[] gamma, double[] xi, int[] best) {}

  private static Enumerated enumerate(double[] logB, int from, int length) {
    double total = 0;
    double[] gamma = new double[length * 2];
    double[] xi = new double[4];
    double bestP = -1;
    int[] best = new int[length];
    for (int mask = 0; mask < (1 << length); mask++) {
      double p = 1;
      for (int t = 0; t < length; t++) {
        int s = (mask >> t) & 1;
        p *= (t == 0 ? START[s] : TRANS[(mask >> (t - 1)) & 1][s]) * Math.exp(logB[(from + t) * 2 + s]);
      }
      total += p;
      for (int t = 0; t < length; t++) {
        int s = (mask >> t) & 1;
        gamma[t * 2 + s] += p;
        if (t > 0) {
          xi[((mask >> (t - 1)) & 1) * 2 + s] += p;
        }
      }
      if (p > bestP) {
        bestP = p;
        for (int t = 0; t < length; t++) {
          best[t] = (mask >> t) & 1;
        }
      }
    }
    for (int i = 0; i < gamma.length; i++) {
      gamma[i] /= total;
    }
    for (int i = 0; i < 4; i++) {
      xi[i] /= total;
    }
    return new Enumerated(total, gamma, xi, best);
  }

  private static Block sequences(int dim, double[] x, int... lengths) {
    int[] offsets = new int[lengths.length + 1];
    for (int s = 0; s < lengths.length; s++) {
      offsets[s + 1] = offsets[s] + lengths[s];
    }
    double[] w = new double[offsets[lengths.length]];
    java.util.Arrays.fill(w, 1.0);
    return Block.ofSequences(dim, x, w, offsets);
  }

  private static <E extends io.sparkem.core.Model> void check(HmmFamily<E> family, E emission, Block block) {
    HiddenMarkovModel<E> theta = new HiddenMarkovModel<>(START, TRANS, emission);
    HmmEStep step = family.eStep(theta);
    HmmStats stats = step.zero();
    step.accumulate(block, stats);
    int n = block.rows();
    double[] logB = new double[n * 2];
    family.eStep(theta);
    ((io.sparkem.core.MixtureEStep) family.emissionFamily().eStep(emission)).componentLogDensities(block, logB);
    double[] gamma = new double[n * 2];
    int[] states = new int[n];
    double decodedLl = step.decode(block, gamma, states);

    double ll = 0;
    double[] xi = new double[4];
    double[] start = new double[2];
    int[] offsets = block.sequenceOffsets();
    for (int s = 0; s + 1 < offsets.length; s++) {
      int from = offsets[s];
      int length = offsets[s + 1] - from;
      Enumerated e = enumerate(logB, from, length);
      ll += Math.log(e.likelihood());
      for (int t = 0; t < length; t++) {
        for (int j = 0; j < 2; j++) {
          assertThat(gamma[(from + t) * 2 + j]).as("γ seq %d t %d j %d", s, t, j)
              .isCloseTo(e.gamma()[t * 2 + j], within(1e-12));
        }
        assertThat(states[from + t]).as("Viterbi seq %d t %d", s, t).isEqualTo(e.best()[t]);
      }
      for (int i = 0; i < 4; i++) {
        xi[i] += e.xi()[i];
      }
      start[0] += e.gamma()[0];
      start[1] += e.gamma()[1];
    }
    assertThat(stats.logLikelihood()).isCloseTo(ll, within(1e-12));
    assertThat(decodedLl).isCloseTo(ll, within(1e-12));
    for (int i = 0; i < 4; i++) {
      assertThat(stats.transitions[i]).isCloseTo(xi[i], within(1e-12));
    }
    assertThat(stats.start[0]).isCloseTo(start[0], within(1e-12));
    assertThat(stats.start[1]).isCloseTo(start[1], within(1e-12));
    assertThat(stats.records()).isEqualTo(n);
    assertThat(stats.sequences()).isEqualTo(offsets.length - 1);
  }

  @Test
  void gaussianEmissionsMatchTheSumOverAllPaths() {
    SplittableRandom rng = new SplittableRandom(5);
    int[] lengths = {1, 2, 3, 5, 8, 8, 4};
    int n = java.util.Arrays.stream(lengths).sum();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian() * 2 + (rng.nextBoolean() ? 1 : -1);
    }
    GaussianFamily g = GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults());
    GaussianMixture emission = new GaussianMixture(g.shape(), new double[] {0.5, 0.5},
        new double[][] {{-1}, {1.5}}, new double[][] {{1.0}, {2.5}});
    check(HmmFamily.wrap(Emission.GAUSSIAN, g), emission, sequences(1, x, lengths));
  }

  @Test
  void categoricalEmissionsMatchTheSumOverAllPaths() {
    SplittableRandom rng = new SplittableRandom(9);
    int[] lengths = {8, 7, 6, 1};
    int n = java.util.Arrays.stream(lengths).sum();
    double[] x = new double[n * 3];
    for (int i = 0; i < n; i++) {
      x[i * 3 + rng.nextInt(3)] = 1;
    }
    MultinomialMixture emission = new MultinomialMixture(new double[] {0.5, 0.5},
        new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}});
    check(HmmFamily.wrap(Emission.CATEGORICAL, new MultinomialFamily(false, 0)), emission,
        sequences(3, x, lengths));
  }

  @Test
  void extremeEmissionsDoNotUnderflow() {
    // Log-densities near −10^4 per record: raw densities would underflow to 0 at once.
    int[] lengths = {8};
    double[] x = new double[8];
    for (int t = 0; t < 8; t++) {
      x[t] = t % 2 == 0 ? 150 : -150;
    }
    GaussianFamily g = GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults());
    GaussianMixture emission = new GaussianMixture(g.shape(), new double[] {0.5, 0.5},
        new double[][] {{-1}, {1}}, new double[][] {{1.0}, {1.0}});
    HmmFamily<GaussianMixture> family = HmmFamily.wrap(Emission.GAUSSIAN, g);
    HmmEStep step = family.eStep(new HiddenMarkovModel<>(START, TRANS, emission));
    HmmStats stats = step.zero();
    step.accumulate(sequences(1, x, lengths), stats);
    assertThat(stats.logLikelihood()).isFinite().isLessThan(-40_000);
    assertThat(stats.transitions[1] + stats.transitions[2]).isCloseTo(7.0, within(1e-9));
  }
}
