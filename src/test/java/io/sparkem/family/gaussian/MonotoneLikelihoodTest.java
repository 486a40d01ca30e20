package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.TraceEntry;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EM never lowers the likelihood (Dempster, Laird &amp; Rubin 1977, Theorem 1): along the trace and
 * on to the final θ, LL(θ_{t+1}) ≥ LL(θ_t) up to rounding (1e-9 relative). Overlapping components
 * make EM take many small steps, which is where a wrong M-step would show.
 */
class MonotoneLikelihoodTest {

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (int d : new int[] {2, 4}) {
      for (long seed : new long[] {1, 2, 3, 17, 2024}) {
        cases.add(Arguments.of(d, seed));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "d={0}, seed={1}")
  @MethodSource("cases")
  void logLikelihoodNeverDecreases(int d, long seed) {
    double[][] rows = GaussianFixtures.overlapping(new SplittableRandom(seed), 800, d);
    LocalStatisticsSource data = GaussianFixtures.source(rows, 4);
    GaussianFamily family = GaussianFixtures.family(1e-6);
    GaussianMixture start =
        Initializer.starts(family, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, seed).get(0);
    FitResult<GaussianMixture> fit =
        EmLoop.run(family, start, data, new EmOptions(150, 0), IterationListener.SILENT);

    List<Double> ll = new ArrayList<>(fit.trace().stream().map(TraceEntry::logLikelihood).toList());
    ll.add(fit.logLikelihood());
    assertThat(ll).hasSizeGreaterThan(10);
    for (int t = 1; t < ll.size(); t++) {
      double before = ll.get(t - 1);
      assertThat(ll.get(t)).as("LL after iteration %d", t)
          .isGreaterThanOrEqualTo(before - 1e-9 * Math.abs(before));
    }
    // The test has teeth only if EM actually moved: k-means is not already the optimum.
    assertThat(ll.get(ll.size() - 1)).isGreaterThan(ll.get(0) + 1.0);
  }
}
