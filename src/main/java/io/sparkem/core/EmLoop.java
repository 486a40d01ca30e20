package io.sparkem.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one EM loop. Several fits — restarts, and the candidates of {@code select}, each with its
 * own family — advance together, so one pass over the data serves all live fits; a fit that has
 * converged drops out. Fits never interact: each result equals that of the fit run alone.
 *
 * <p>Pass t runs the E-step under θ_t and yields LL(θ_t). The fit's {@link StepRule} (plain EM, or
 * an accelerator) says whether θ_t is accepted. An accepted fit stops at pass t when t ≥ 1 and
 * |LL(θ_t) − LL(last accepted)| / W ≤ tol, or when t = maxIter; otherwise the M-step gives the
 * rule the material for θ_{t+1}, and entry t+1 of the trace records LL(θ_t). For plain EM
 * θ_{t+1} = M(θ_t), so {@code maxIter = N} returns exactly θ_N together with its own
 * log-likelihood, at the price of one pass more than iterations. A fit that reaches maxIter on a
 * rejected pass returns its last accepted θ.
 *
 * <p>After every pass the loop hands each fit's {@link FitState} to a {@link Checkpoints}. For
 * plain EM that is the state after the pass, and resuming gives the uninterrupted result bit for
 * bit. An accelerated fit is saved only where its rule is at rest (θ is the EM map of an accepted
 * θ, see {@link StepRule#atRest}); its resumed run starts a fresh extrapolation cycle there, which
 * keeps the log-likelihood non-decreasing but need not repeat the uninterrupted path exactly.
 */
public final class EmLoop {

  private EmLoop() {}

  /** One fit to run: a family and where it starts (a fresh θ, or a saved state). */
  public record Job<M extends Model>(Family<M> family, FitState<M> state) {
    public Job(Family<M> family, M start) {
      this(family, FitState.start(start));
    }

    /** The θ the first pass of this job evaluates. */
    public M start() {
      return state.theta();
    }
  }

  /** Runs every job, sharing passes; results in the order of {@code jobs}. */
  public static List<FitResult<?>> runAll(List<? extends Job<?>> jobs, StatisticsSource data,
      EmOptions options, IterationListener listener) {
    return runAll(jobs, data, options, listener, states -> {});
  }

  /**
   * Runs every job, sharing passes, and hands the states of all fits (in the order of
   * {@code jobs}) to {@code checkpoints} after every pass; results in the order of {@code jobs}.
   */
  public static List<FitResult<?>> runAll(List<? extends Job<?>> jobs, StatisticsSource data,
      EmOptions options, IterationListener listener, StateSink checkpoints) {
    List<Fit<?>> fits = new ArrayList<>();
    for (Job<?> job : jobs) {
      fits.add(Fit.of(job, options));
    }
    loop(fits, data, options, listener, checkpoints);
    return fits.stream().<FitResult<?>>map(f -> f.result).toList();
  }

  /** Runs one fit of {@code family} per starting θ, sharing passes; results in the order of {@code starts}. */
  public static <M extends Model> List<FitResult<M>> run(
      Family<M> family, List<M> starts, StatisticsSource data, EmOptions options,
      IterationListener listener) {
    return resume(family, starts.stream().map(FitState::start).toList(), data, options, listener,
        Checkpoints.none());
  }

  /** Convenience for a single start. */
  public static <M extends Model> FitResult<M> run(
      Family<M> family, M start, StatisticsSource data, EmOptions options, IterationListener listener) {
    return run(family, List.of(start), data, options, listener).get(0);
  }

  /**
   * Continues fits of one family from their saved states (fresh ones from {@link FitState#start}),
   * saving every fit's state to {@code checkpoints} after each pass.
   */
  @SuppressWarnings("unchecked")
  public static <M extends Model> List<FitResult<M>> resume(
      Family<M> family, List<FitState<M>> states, StatisticsSource data, EmOptions options,
      IterationListener listener, Checkpoints<M> checkpoints) {
    List<Fit<?>> fits = new ArrayList<>();
    for (FitState<M> s : states) {
      fits.add(Fit.of(new Job<>(family, s), options));
    }
    loop(fits, data, options, listener,
        saved -> checkpoints.save(saved.stream().map(s -> (FitState<M>) s).toList()));
    return fits.stream().map(f -> (FitResult<M>) f.result).toList();
  }

  /** Receives the states of all fits of a loop after every pass (see {@link Checkpoints}). */
  @FunctionalInterface
  public interface StateSink {
    void save(List<FitState<?>> states);
  }

  private static void loop(List<Fit<?>> fits, StatisticsSource data, EmOptions options,
      IterationListener listener, StateSink checkpoints) {
    List<Fit<?>> live = fits.stream().filter(f -> f.result == null).toList();
    while (!live.isEmpty()) {
      long started = System.nanoTime();
      List<SufficientStats> stats = data.pass(live.stream().map(Fit::eStep).toList());
      for (int i = 0; i < live.size(); i++) {
        live.get(i).afterPass(stats.get(i), options, started, fits.indexOf(live.get(i)), listener);
      }
      checkpoints.save(fits.stream().<FitState<?>>map(f -> f.saved).toList());
      live = live.stream().filter(f -> f.result == null).toList();
    }
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
    final Family<M> family;
    final StepRule<M> rule;
    /** θ of the next pass. */
    M theta;
    /** The last accepted θ and the totals of its pass (null before the first). */
    M accepted;
    SufficientStats acceptedStats;
    final List<TraceEntry> trace;
    final Set<String> warnings;
    FitResult<M> result;
    /** The state a checkpoint holds: the latest one from which the loop can continue. */
    FitState<M> saved;

    private Fit(Family<M> family, FitState<M> state, StepRule<M> rule) {
      this.family = family;
      this.rule = rule;
      this.theta = state.theta();
      this.acceptedStats = state.previous();
      this.trace = new ArrayList<>(state.trace());
      this.warnings = new LinkedHashSet<>(state.warnings());
      this.result = state.result();
      this.saved = state;
    }

    static <M extends Model> Fit<M> of(Job<M> job, EmOptions options) {
      FitState<M> state = reopened(job.state(), options);
      return new Fit<>(job.family(), state, options.accelerate().rule(job.family()));
    }

    EStep eStep() {
      return family.eStep(theta);
    }

    void afterPass(SufficientStats stats, EmOptions options, long started, int index,
        IterationListener listener) {
      afterPassUnsaved(stats, options, started, index, listener);
      if (result != null) {
        saved = new FitState<>(result.model(), trace, new ArrayList<>(warnings),
            acceptedStats == null ? null : PassSummary.of(acceptedStats), result);
      } else if (rule.atRest()) {
        saved = new FitState<>(theta, trace, new ArrayList<>(warnings),
            acceptedStats == null ? null : PassSummary.of(acceptedStats), null);
      }
    }

    private void afterPassUnsaved(SufficientStats stats, EmOptions options, long started, int index,
        IterationListener listener) {
      double ll = stats.logLikelihood();
      boolean ok = rule.accepts(ll);
      if (ok && Double.isNaN(ll)) {
        throw new IllegalStateException("log-likelihood is NaN at iteration " + (trace.size() + 1));
      }
      int done = trace.size();
      SufficientStats before = acceptedStats;
      if (ok) {
        boolean converged = before != null && family.converged(before, stats, options.tol());
        if (converged || done >= options.maxIter()) {
          finish(theta, stats, converged);
          return;
        }
        accepted = theta;
        acceptedStats = stats;
      } else if (done >= options.maxIter()) {
        finish(accepted, acceptedStats, false);
        return;
      }
      M next;
      if (ok) {
        MStepResult<M> m = family.mStep(stats, theta);
        warnings.addAll(m.warnings());
        next = rule.next(theta, m.model());
      } else {
        next = rule.afterRejection();
      }
      double delta = before == null ? Double.NaN : (ll - before.logLikelihood()) / stats.totalWeight();
      TraceEntry entry = new TraceEntry(done + 1, ll, (System.nanoTime() - started) / 1e9, stats.cost(), ok);
      trace.add(entry);
      listener.iterationDone(index, entry, delta);
      theta = next;
    }

    private void finish(M model, SufficientStats stats, boolean converged) {
      result = new FitResult<>(model, stats.logLikelihood(), stats, stats.records(), stats.totalWeight(),
          trace.size(), converged, trace, new ArrayList<>(warnings));
    }
  }
}
