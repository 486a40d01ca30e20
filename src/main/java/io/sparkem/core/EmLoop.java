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

  /**
   * Passes until every fit has a result. Full-batch fits share full passes. Mini-batch fits share
   * step t's subset of the blocks ({@link MiniBatch#subset}, t counted by this loop, so all fits of
   * a loop read the same blocks at the same step), and then one last full pass each.
   */
  private static void loop(List<Fit<?>> fits, StatisticsSource data, EmOptions options,
      IterationListener listener, StateSink checkpoints) {
    List<Fit<?>> live = fits.stream().filter(f -> f.result == null).toList();
    long step = 0;
    while (!live.isEmpty()) {
      List<Fit<?>> full = live.stream().filter(Fit::wantsFullPass).toList();
      List<Fit<?>> batch = live.stream().filter(f -> !f.wantsFullPass()).toList();
      if (!full.isEmpty()) {
        pass(full, fits, data, MiniBatch.BlockSubset.ALL, options, listener);
      }
      if (!batch.isEmpty()) {
        pass(batch, fits, data, options.miniBatch().subset(step++), options, listener);
      }
      checkpoints.save(fits.stream().<FitState<?>>map(f -> f.saved).toList());
      live = live.stream().filter(f -> f.result == null).toList();
    }
  }

  private static void pass(List<Fit<?>> live, List<Fit<?>> fits, StatisticsSource data,
      MiniBatch.BlockSubset subset, EmOptions options, IterationListener listener) {
    long started = System.nanoTime();
    List<? extends EStep> steps = live.stream().map(Fit::eStep).toList();
    List<SufficientStats> stats = subset.isAll() ? data.pass(steps) : data.pass(steps, subset);
    for (int i = 0; i < live.size(); i++) {
      live.get(i).afterPass(stats.get(i), options, data.totalWeight(), started,
          fits.indexOf(live.get(i)), listener);
    }
  }

  /**
   * A fit that stopped only because it ran out of iterations continues when {@code maxIter} is now
   * larger: its last pass is run again (same θ, same statistics) and the loop goes on from there.
   */
  private static <M extends Model> FitState<M> reopened(FitState<M> s, EmOptions options) {
    // A mini-batch fit's running statistics are not saved: a finished one stays finished.
    if (options.miniBatch().isFull() && s.result() != null && !s.result().converged() && s.result().iterations() < options.maxIter()) {
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
    /** Mini-batch fits: the running statistics; null for full-batch EM. */
    final StepwiseEm stepwise;
    /** Mini-batch fits: the steps are over and the next pass is the full one that scores θ. */
    boolean scoring;
    /** Mini-batch fits: whether the steps ended by settling rather than by maxIter. */
    boolean settled;
    /** Records whose E-step ran for this fit in this loop. */
    long recordsRead;
    /** Mini-batch fits: steps before the first that drew a block (they leave no trace entry). */
    int emptySteps;

    private Fit(Family<M> family, FitState<M> state, StepRule<M> rule, MiniBatch miniBatch) {
      this.stepwise = miniBatch.isFull() ? null : new StepwiseEm(miniBatch);
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
      Fit<M> fit = new Fit<>(job.family(), state, options.accelerate().rule(job.family()),
          options.miniBatch());
      fit.scoring = fit.stepwise != null && fit.trace.size() >= options.maxIter();
      return fit;
    }

    EStep eStep() {
      return family.eStep(theta);
    }

    /** Whether this fit's next pass reads every block. */
    boolean wantsFullPass() {
      return stepwise == null || scoring;
    }

    void afterPass(SufficientStats stats, EmOptions options, double dataWeight, long started, int index,
        IterationListener listener) {
      recordsRead += stats.records();
      if (stepwise != null) {
        afterStep(stats, options, dataWeight, started, index, listener);
        if (result != null) {
          saved = new FitState<>(result.model(), trace, new ArrayList<>(warnings), null, result);
        }
        return;
      }
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

    /**
     * One mini-batch step: blend the batch's statistics, M-step on the blend; the trace entry holds
     * the running estimate of LL(θ) (not monotone: it is noisy). After the last step, the full pass
     * scores the final θ exactly, so the result's log-likelihood is that of θ on all the data.
     */
    private void afterStep(SufficientStats stats, EmOptions options, double dataWeight, long started,
        int index, IterationListener listener) {
      if (scoring) {
        finish(theta, stats, settled);
        return;
      }
      double before = stepwise.running() == null ? Double.NaN
          : stepwise.running().logLikelihood() / stepwise.running().totalWeight();
      SufficientStats blended = stepwise.blend(stats, dataWeight);
      if (blended != null) {
        MStepResult<M> m = family.mStep(blended, theta);
        warnings.addAll(m.warnings());
        theta = m.model();
      }
      SufficientStats now = stepwise.running();
      if (now == null) {
        // No block drawn yet: nothing to estimate or record; the step still counts towards maxIter.
        emptySteps++;
        scoring = trace.size() + emptySteps >= options.maxIter();
        return;
      }
      double ll = now.logLikelihood();
      if (Double.isNaN(ll)) {
        throw new IllegalStateException("log-likelihood is NaN at step " + (trace.size() + 1));
      }
      TraceEntry entry = new TraceEntry(trace.size() + 1, ll, (System.nanoTime() - started) / 1e9,
          now.cost(), true);
      trace.add(entry);
      listener.iterationDone(index, entry, Double.isNaN(before) ? Double.NaN : ll / now.totalWeight() - before);
      settled = stepwise.settled(options.tol());
      scoring = settled || trace.size() + emptySteps >= options.maxIter();
    }

    private void finish(M model, SufficientStats stats, boolean converged) {
      result = new FitResult<>(model, stats.logLikelihood(), stats, stats.records(), stats.totalWeight(),
          trace.size(), converged, trace, new ArrayList<>(warnings), recordsRead);
    }
  }
}
