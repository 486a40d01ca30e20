package io.sparkem.family.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.Model;
import io.sparkem.core.TraceEntry;
import io.sparkem.family.bernoulli.BernoulliMixture;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.family.multinomial.MultinomialFamily;
import io.sparkem.family.multinomial.MultinomialMixture;
import io.sparkem.family.poisson.PoissonMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.testing.HmmData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Invariants of Baum–Welch in the one EM loop, without Spark: the log-likelihood never decreases
 * (Baum et al. 1970) for gaussian (d = 2) and categorical emissions, and the parameter count of
 * BIC is the hand count (k − 1) + k(k − 1) + k × (parameters of one state's emission).
 */
class HmmInvariantsTest {

  private static <M extends Model> FitResult<M> fit(Family<M> family, List<Block> blocks, int k, int iterations) {
    LocalStatisticsSource data = new LocalStatisticsSource(blocks);
    M start = Initializer.starts(family, data, k, InitMethod.KMEANS_PLUS_PLUS, 1, 7).get(0);
    return EmLoop.run(family, start, data, new EmOptions(iterations, 0), (f, e, delta) -> { });
  }

  /** Every trace entry at least its predecessor, up to rounding of the sum (1e-12 relative). */
  private static void assertNeverDecreases(List<TraceEntry> trace) {
    assertThat(trace.size()).isGreaterThan(10);
    for (int t = 1; t < trace.size(); t++) {
      double before = trace.get(t - 1).logLikelihood();
      assertThat(trace.get(t).logLikelihood()).as("iteration %d", t + 1)
          .isGreaterThanOrEqualTo(before - 1e-12 * Math.abs(before));
    }
  }

  @Test
  void logLikelihoodNeverDecreasesWithGaussianEmissionsInTwoDimensions() {
    HmmData.Truth truth = HmmData.truth(3, 2);
    double[][][] x = HmmData.draw(truth, 30, 80, 3, null);
    for (String covariance : List.of("full", "diag")) {
      HmmFamily<?> family = HmmFamily.wrap(Emission.GAUSSIAN,
          GaussianFamily.of(CovarianceType.parse(covariance), new FamilyOptions(1e-6, false)));
      // k = 4 states for 3 true ones: a slow, ridge-walking fit, where a decrease would show.
      FitResult<?> result = fit(family, HmmData.blocks(x, 7), 4, 60);
      assertNeverDecreases(result.trace());
      assertThat(result.trace().get(59).logLikelihood()).isGreaterThan(result.trace().get(0).logLikelihood());
    }
  }

  @Test
  void logLikelihoodNeverDecreasesWithCategoricalEmissions() {
    List<Casino.Sequence> seqs = Casino.generate(40, 150, 99);
    HmmFamily<MultinomialMixture> family = HmmFamily.wrap(Emission.CATEGORICAL, new MultinomialFamily(false, 0));
    for (int k : new int[] {2, 3}) {
      FitResult<?> result = fit(family, Casino.blocks(seqs, 9), k, 80);
      assertNeverDecreases(result.trace());
    }
  }

  @Test
  void parameterCountIsTheHandCount() {
    double[][] t2 = {{0.5, 0.5}, {0.5, 0.5}};
    double[][] t3 = {{0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}};
    double[][] t4 = new double[4][];
    Arrays.fill(t4, new double[] {0.25, 0.25, 0.25, 0.25});
    double[] s2 = {0.5, 0.5};
    double[] s3 = {0.2, 0.3, 0.5};
    double[] s4 = {0.25, 0.25, 0.25, 0.25};
    // Gaussian full, k = 3, d = 2: 2 start + 6 transition + 3 × (2 mean + 3 covariance) = 23.
    assertThat(gaussian("full", s3, t3, 2, 4).freeParameters()).isEqualTo(23);
    // Gaussian diag, k = 4, d = 3: 3 + 12 + 4 × (3 + 3) = 39.
    assertThat(gaussian("diag", s4, t4, 3, 3).freeParameters()).isEqualTo(39);
    // Gaussian spherical, k = 2, d = 3: 1 + 2 + 2 × (3 + 1) = 11.
    assertThat(gaussian("spherical", s2, t2, 3, 1).freeParameters()).isEqualTo(11);
    // Gaussian tied, k = 3, d = 2: 2 + 6 + 3 × 2 means + one shared 2×2 covariance (3) = 17.
    assertThat(gaussian("tied", s3, t3, 2, 4).freeParameters()).isEqualTo(17);
    // Categorical over 6 symbols, k = 2: 1 + 2 + 2 × 5 = 13.
    assertThat(new HiddenMarkovModel<>(s2, t2, new MultinomialMixture(s2,
        new double[][] {{0.1, 0.1, 0.1, 0.1, 0.1, 0.5}, {0.1, 0.1, 0.1, 0.1, 0.1, 0.5}})).freeParameters())
        .isEqualTo(13);
    // Poisson, k = 3, d = 2: 2 + 6 + 3 × 2 rates = 14.
    assertThat(new HiddenMarkovModel<>(s3, t3, new PoissonMixture(s3,
        new double[][] {{1, 2}, {3, 4}, {5, 6}})).freeParameters()).isEqualTo(14);
    // Bernoulli, k = 2, d = 4: 1 + 2 + 2 × 4 = 11.
    assertThat(new HiddenMarkovModel<>(s2, t2, new BernoulliMixture(s2,
        new double[][] {{0.1, 0.2, 0.3, 0.4}, {0.5, 0.6, 0.7, 0.8}})).freeParameters()).isEqualTo(11);
    // k = 1: no start or transition parameters, only the emission's (full d = 2: 5).
    assertThat(gaussian("full", new double[] {1}, new double[][] {{1}}, 2, 4).freeParameters()).isEqualTo(5);
  }

  private static HiddenMarkovModel<GaussianMixture> gaussian(String covariance, double[] start, double[][] trans,
      int d, int storage) {
    GaussianFamily g = GaussianFamily.of(CovarianceType.parse(covariance), new FamilyOptions(1e-6, false));
    int k = start.length;
    double[][] means = new double[k][d];
    double[][] covs = new double[k][storage];
    return new HiddenMarkovModel<>(start, trans, new GaussianMixture(g.shape(), start, means, covs));
  }
}
