package io.sparkem.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one EM loop. Several fits (restarts) advance together, so one pass over the data serves all
 * live fits; a fit that has converged drops out.
 *
 * <p>Pass t runs the E-step under θ_t and yields LL(θ_t). The fit stops at pass t when t ≥ 1 and
 * |LL(θ_t) − LL(θ_{t−1})| / W ≤ tol, or when t = maxIter; otherwise the M-step gives θ_{t+1} and
 * iteration t+1 is recorded with LL(θ_t). So {@code maxIter = N} returns exactly θ_N together with
 * its own log-likelihood, at the price of one pass more than iterations.
 */
public final class EmLoop {

  private EmLoop() {}

  /** Runs one EM fit per starting θ, sharing passes; results in the order of {@code starts}. */
  public static <M extends Model> List<FitResult<M>> run(
      Family<M> family, List<M> starts, StatisticsSource data, EmOptions options,
      IterationListener listener) {
    return resume(family, starts.stream().map(FitState::start).toList(), data, options, listener,
        Checkpoints.none());
  }

  /**
   * Continues fits from their saved states (fresh ones from {@link FitState#start}), saving every
   * fit's state to {@code checkpoints} after each pass. Resuming from a checkpoint gives exactly
   * the result of the uninterrupted run.
   */
  public static <M extends Model> List<FitResult<M>> resume(
      Family<M> family, List<FitState<M>> states, StatisticsSource data, EmOptions options,
      IterationListener listener, Checkpoints<M> checkpoints) {
    List<Fit<M>> fits = states.stream().map(s -> new Fit<>(reopened(s, options))).toList();
    List<Fit<M>> live = fits.stream().filter(f -> f.result == null).toList();
    while (!live.isEmpty()) {
      long started = System.nanoTime();
      List<EStep> steps = live.stream().map(f -> family.eStep(f.theta)).toList();
      List<SufficientStats> stats = data.pass(steps);
      for (int i = 0; i < live.size(); i++) {
        live.get(i).afterPass(family, stats.get(i), options, started, fits.indexOf(live.get(i)), listener);
      }
      checkpoints.save(fits.stream().map(Fit::state).toList());
      live = live.stream().filter(f -> f.result == null).toList();
    }
    return fits.stream().map(f -> f.result).toList();
  }

  /** Convenience for a single start. */
  public static <M extends Model> FitResult<M> run(
      Family<M> family, M start, StatisticsSource data, EmOptions options, IterationListener listener) {
    return run(family, List.of(start), data, options, listener).get(0);
  }

  /**
   * A fit that stopped only because it ran out of iterations continues when {@code maxIter} is now
   * larger: its last pass is run again (same θ, same statistics) and the loop goes on from there.
   */
  private static <M extends Model> FitState<M> reopened(FitState<M> s, EmOptions options) {
    if (s.result() != null && !s.result().converged() && s.result().iterations() < options.maxIter()) {
      return new FitState<>(s.theta(), s.trace(), s.warnings(), s.previous(), null);
    }
    return s;
  }

  /** The state of one fit between passes; mutable, private to the loop. */
  private static final class Fit<M extends Model> {
    M theta;
    PassSummary previous;
    final List<TraceEntry> trace;
    final Set<String> warnings;
    FitResult<M> result;

    Fit(FitState<M> state) {
      this.theta = state.theta();
      this.previous = state.previous();
      this.trace = new ArrayList<>(state.trace());
      this.warnings = new LinkedHashSet<>(state.warnings());
      this.result = state.result();
    }

    FitState<M> state() {
      return new FitState<>(theta, trace, new ArrayList<>(warnings), previous, result);
    }

    void afterPass(Family<M> family, SufficientStats stats, EmOptions options, long started,
        int index, IterationListener listener) {
      double ll = stats.logLikelihood();
      if (Double.isNaN(ll)) {
        throw new IllegalStateException("log-likelihood is NaN at iteration " + (trace.size() + 1));
      }
      int done = trace.size();
      boolean converged = previous != null && family.converged(previous, stats, options.tol());
      if (converged || done >= options.maxIter()) {
        result = new FitResult<>(theta, ll, stats, stats.records(), stats.totalWeight(), done,
            converged, trace, new ArrayList<>(warnings));
        return;
      }
      MStepResult<M> next = family.mStep(stats, theta);
      warnings.addAll(next.warnings());
      double delta = previous == null ? Double.NaN
          : (ll - previous.logLikelihood()) / stats.totalWeight();
      TraceEntry entry = new TraceEntry(done + 1, ll, (System.nanoTime() - started) / 1e9, stats.cost());
      trace.add(entry);
      listener.iterationDone(index, entry, delta);
      theta = next.model();
      previous = PassSummary.of(stats);
    }
  }
}
