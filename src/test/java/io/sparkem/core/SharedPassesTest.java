package io.sparkem.core;

import io.sparkem.family.gaussian.CovarianceType;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianFixtures;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Candidates of different families and k (what {@code select} runs) and their restarts share
 * passes: one pass per iteration for all, and every result is exactly the fit run alone.
 */
class SharedPassesTest {

  private static final double[][] ROWS = GaussianFixtures.overlapping(new SplittableRandom(21), 600, 2);
  private static final LocalStatisticsSource DATA = GaussianFixtures.source(ROWS, 3);

  /** Counts the passes (not the E-steps) a loop asks for. */
  private static final class Counting implements StatisticsSource {
    final AtomicInteger passes = new AtomicInteger();

    @Override
    public List<SufficientStats> pass(List<? extends EStep> steps) {
      passes.incrementAndGet();
      return DATA.pass(steps);
    }

    @Override public int dimension() { return DATA.dimension(); }
    @Override public long records() { return DATA.records(); }
    @Override public double totalWeight() { return DATA.totalWeight(); }
    @Override public Block sample(int maxRows, long seed) { return DATA.sample(maxRows, seed); }
    @Override public int distinctRecords(int limit) { return DATA.distinctRecords(limit); }
  }

  private static List<EmLoop.Job<GaussianMixture>> jobs() {
    List<EmLoop.Job<GaussianMixture>> jobs = new ArrayList<>();
    for (String cov : List.of("full", "diag", "tied", "spherical")) {
      GaussianFamily family = GaussianFamily.of(CovarianceType.parse(cov), FamilyOptions.defaults());
      for (int k = 1; k <= 3; k++) {
        for (GaussianMixture start : Initializer.starts(family, DATA, k, InitMethod.KMEANS_PLUS_PLUS, 2, 42L)) {
          jobs.add(new EmLoop.Job<>(family, start));
        }
      }
    }
    return jobs;
  }

  @Test
  void everyCandidateTogetherEqualsEachAloneInTheLongestFitsPasses() {
    for (Accelerator a : Accelerator.values()) {
      EmOptions options = new EmOptions(300, 1e-8, a);
      List<EmLoop.Job<GaussianMixture>> jobs = jobs();
      Counting shared = new Counting();
      List<FitResult<?>> together = EmLoop.runAll(jobs, shared, options, IterationListener.SILENT);
      int longest = 0;
      for (int i = 0; i < jobs.size(); i++) {
        EmLoop.Job<GaussianMixture> job = jobs.get(i);
        FitResult<GaussianMixture> alone =
            EmLoop.run(job.family(), job.start(), DATA, options, IterationListener.SILENT);
        FitResult<?> t = together.get(i);
        assertThat(t.logLikelihood()).as("%s job %d", a, i).isEqualTo(alone.logLikelihood());
        assertThat(t.iterations()).isEqualTo(alone.iterations());
        assertThat(t.converged()).isEqualTo(alone.converged());
        assertThat(t.trace().stream().map(TraceEntry::logLikelihood).toList())
            .isEqualTo(alone.trace().stream().map(TraceEntry::logLikelihood).toList());
        GaussianFixtures.assertSameTheta((GaussianMixture) t.model(), alone.model(), 0);
        longest = Math.max(longest, alone.iterations() + 1);
      }
      // 24 fits, yet only as many passes as the longest of them needs.
      assertThat(shared.passes.get()).isEqualTo(longest);
    }
  }
}
