package io.sparkem.core;

import static io.sparkem.family.gaussian.GaussianFixtures.identity;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianFixtures;
import io.sparkem.family.gaussian.GaussianMixture;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Final scoring ({@link EmOptions#scoreFinal}): the result carries the records' log-densities of
 * its final θ, collected in the pass the loop foresaw as the last, so that no pass is added — a
 * count of the passes the data sees proves it — except where it could not foresee it (a fit that
 * converges at its first comparable pass, a fit resumed finished from a checkpoint's totals), which
 * costs exactly one more pass with the same numbers. The forecast itself against hand-made traces.
 */
class FinalScoringTest {

  private static final GaussianFamily FAMILY = GaussianFixtures.family(1e-6);
  private static final double[][] ROWS = GaussianFixtures.overlapping(new SplittableRandom(11), 600, 2);

  /** A source that counts its passes. */
  private static final class Counting extends ForwardingSource {
    int passes;

    Counting() {
      super(GaussianFixtures.source(ROWS, 3));
    }

    @Override
    public List<SufficientStats> pass(List<? extends EStep> steps) {
      passes++;
      return data.pass(steps);
    }
  }

  private static GaussianMixture start() {
    return GaussianFixtures.theta(new double[] {0.4, 0.3, 0.3}, new double[][] {{-1, -1}, {3, 0}, {0, 3}},
        new double[][] {identity(2), identity(2), identity(2)});
  }

  private static FitResult<GaussianMixture> run(Counting data, GaussianMixture start, EmOptions options) {
    return EmLoop.run(FAMILY, start, data, options.withScoreFinal(true), IterationListener.SILENT);
  }

  @Test
  void aFitThatConvergesAsForecastCollectsInItsLastPassAndAddsNone() {
    Counting data = new Counting();
    FitResult<GaussianMixture> fit = run(data, start(), new EmOptions(500, 1e-6));
    assertThat(fit.converged()).isTrue();
    assertThat(fit.iterations()).isGreaterThan(5);
    assertThat(data.passes).isEqualTo(fit.iterations() + 1);
    RecordDensities d = fit.finalStats().densities().orElseThrow();
    assertThat(d.sketch().weight()).isEqualTo(600.0);
    // The same fit without final scoring: the same θ and log-likelihood, bit for bit.
    FitResult<GaussianMixture> plain = EmLoop.run(FAMILY, start(), new Counting(), new EmOptions(500, 1e-6),
        IterationListener.SILENT);
    assertThat(fit.logLikelihood()).isEqualTo(plain.logLikelihood());
    assertThat(fit.model().means()).isDeepEqualTo(plain.model().means());
  }

  @Test
  void theMaxIterPassIsKnownToBeTheLast() {
    Counting data = new Counting();
    FitResult<GaussianMixture> fit = run(data, start(), new EmOptions(4, 0));
    assertThat(fit.iterations()).isEqualTo(4);
    assertThat(data.passes).isEqualTo(5);
    assertThat(fit.finalStats().densities()).isPresent();
  }

  @Test
  void aFitConvergedAtItsFirstComparablePassIsScoredByOneMorePass() {
    Counting warm = new Counting();
    GaussianMixture optimum = run(warm, start(), new EmOptions(500, 1e-12)).model();
    Counting data = new Counting();
    FitResult<GaussianMixture> fit = run(data, optimum, new EmOptions(100, 1e-6));
    assertThat(fit.iterations()).isEqualTo(1);
    assertThat(data.passes).isEqualTo(3);
    assertThat(fit.finalStats().densities().orElseThrow().sketch().weight()).isEqualTo(600.0);
    assertThat(fit.recordsRead()).isEqualTo(3 * 600L);
  }

  @Test
  void aResultResumedFromTotalsGetsItsStatisticsBack() {
    Counting first = new Counting();
    FitResult<GaussianMixture> done = run(first, start(), new EmOptions(6, 0));
    // What a checkpoint keeps of a finished fit: θ and the totals of its last pass.
    FitResult<GaussianMixture> fromTotals = new FitResult<>(done.model(), done.logLikelihood(),
        PassSummary.of(done.finalStats()), done.records(), done.totalWeight(), done.iterations(), false,
        done.trace(), done.warnings());
    Counting data = new Counting();
    FitResult<GaussianMixture> resumed = EmLoop.resume(FAMILY,
        List.of(new FitState<>(done.model(), done.trace(), List.of(), PassSummary.of(done.finalStats()), fromTotals)),
        data, new EmOptions(6, 0).withScoreFinal(true), IterationListener.SILENT, Checkpoints.none()).get(0);
    assertThat(data.passes).isEqualTo(1);
    assertThat(resumed.finalStats()).isInstanceOf(MixtureStats.class);
    assertThat(resumed.finalStats().logLikelihood()).isEqualTo(done.logLikelihood());
    assertThat(resumed.finalStats().densities()).isPresent();
  }

  @Test
  void aFitThatEndsAtItsSecondIterationCollectedThere() {
    Counting warm = new Counting();
    GaussianMixture nearly = run(warm, start(), new EmOptions(500, 1e-12)).model();
    // One pass from the optimum changes nothing at tol 1e-6 only after two iterations from a slightly
    // moved start: move every mean by 0.05.
    double[][] moved = new double[3][];
    for (int j = 0; j < 3; j++) {
      moved[j] = nearly.means()[j].clone();
      moved[j][0] += 0.05;
    }
    GaussianMixture start = GaussianFixtures.theta(nearly.weights(), moved, nearly.covariances());
    Counting data = new Counting();
    FitResult<GaussianMixture> fit = run(data, start, new EmOptions(100, 1e-4));
    assertThat(fit.iterations()).isEqualTo(2);
    assertThat(data.passes).isEqualTo(3);
    assertThat(fit.finalStats().densities()).isPresent();
  }

  @Test
  void anUpdateThatEndsAtItsFirstIterationCollectedThere() {
    Counting warm = new Counting();
    FitResult<GaussianMixture> done = run(warm, start(), new EmOptions(500, 1e-12));
    Counting data = new Counting();
    FitResult<?> update = EmLoop.runAll(List.of(new EmLoop.Job<>(FAMILY, FitState.start(done.model()),
        done.finalStats())), data, new EmOptions(100, 1e-6).withScoreFinal(true), IterationListener.SILENT).get(0);
    assertThat(update.iterations()).isEqualTo(1);
    assertThat(data.passes).isEqualTo(2);
    assertThat(update.finalStats().densities()).isPresent();
    assertThat(update.records()).isEqualTo(1200);
  }

  @Test
  void theForecastIsTheGeometricRateTimesTheLastChange() {
    // Mean log-likelihood changes 1, 0.1, 0.01 per unit weight (W = 10): ρ = 0.1, forecast 0.001.
    List<TraceEntry> trace = new ArrayList<>();
    double[] ll = {-100, -90, -89, -88.9};
    for (int t = 0; t < ll.length; t++) {
      trace.add(new TraceEntry(t + 1, ll[t], 0, OptionalDouble.empty(), true));
    }
    assertThat(LoopFit.convergesNext(trace, 10, 1e-3)).isTrue();
    assertThat(LoopFit.convergesNext(trace, 10, 0.9e-3)).isFalse();
    assertThat(LoopFit.convergesNext(trace.subList(0, 2), 10, 1e6)).as("two entries: no rate yet").isFalse();
    // A rejected (extrapolated) pass is not part of the path.
    trace.add(2, new TraceEntry(3, -95, 0, OptionalDouble.empty(), false));
    assertThat(LoopFit.convergesNext(trace, 10, 1e-3)).isTrue();
    // A change that grew: the rate is capped at 1, the forecast is the last change.
    List<TraceEntry> growing = List.of(new TraceEntry(1, -100, 0, OptionalDouble.empty(), true),
        new TraceEntry(2, -99.99, 0, OptionalDouble.empty(), true),
        new TraceEntry(3, -99, 0, OptionalDouble.empty(), true));
    assertThat(LoopFit.convergesNext(growing, 10, 0.098)).isFalse();
    assertThat(LoopFit.convergesNext(growing, 10, 0.0991)).isTrue();
  }
}
