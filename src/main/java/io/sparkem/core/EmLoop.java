package io.sparkem.core;

import java.util.ArrayList;
import java.util.List;

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
 *
 * <p><b>Prior statistics</b> ({@code update}): a job may carry statistics S₀ of earlier data (already
 * scaled by the decay D). Every M-step then reads S₀ + S(θ_t) — the new data's statistics under
 * θ_t with S₀ merged in — and the result's statistics are that blend (its log-likelihood, weight
 * and records too); the trace and the convergence test keep to the new data's log-likelihood.
 * Iterated to convergence this is EM for the posterior whose conjugate prior S₀ encodes (the old
 * data's expected complete-data log-likelihood), as in incremental EM (Neal &amp; Hinton 1998).
 *
 * <p><b>Final scoring</b> ({@link EmOptions#scoreFinal}): model.json needs the statistics of the
 * final θ and its records' log-densities ({@link RecordDensities}), which the pass that evaluates
 * the final θ can collect — if the loop knows it is the last. It knows when the pass is number
 * maxIter, or a mini-batch fit's scoring pass. It also collects in pass 2 (and pass 1 of an
 * update), where no rate can be estimated yet but easy fits often end. Otherwise it forecasts
 * convergence from the last three accepted log-likelihoods (EM converges linearly near a fixed
 * point, Δ_t ≈ ρ·Δ_{t−1} with ρ = Δ_{t−1}/Δ_{t−2}: {@link LoopFit#convergesNext}) and collects when
 * ρ·Δ_{t−1}/W ≤ tol. A fit that
 * converges on a pass that did not collect — or was resumed finished from a checkpoint, which keeps
 * only totals — is scored by one more pass of its final θ, shared with the fits still running.
 */
public final class EmLoop {

  private EmLoop() {}

  /**
   * One fit to run: a family, where it starts (a fresh θ, or a saved state) and the prior
   * statistics its M-steps add (null: none), already scaled by the decay.
   */
  public record Job<M extends Model>(Family<M> family, FitState<M> state, SufficientStats prior) {
    public Job(Family<M> family, FitState<M> state) {
      this(family, state, null);
    }

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
    List<LoopFit<?>> fits = new ArrayList<>();
    for (Job<?> job : jobs) {
      fits.add(LoopFit.of(job, options));
    }
    loop(fits, data, options, listener, checkpoints);
    return fits.stream().<FitResult<?>>map(LoopFit::result).toList();
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
    List<LoopFit<?>> fits = new ArrayList<>();
    for (FitState<M> s : states) {
      fits.add(LoopFit.of(new Job<>(family, s), options));
    }
    loop(fits, data, options, listener,
        saved -> checkpoints.save(saved.stream().map(s -> (FitState<M>) s).toList()));
    return fits.stream().map(f -> (FitResult<M>) f.result()).toList();
  }

  /** Receives the states of all fits of a loop after every pass (see {@link Checkpoints}). */
  @FunctionalInterface
  public interface StateSink {
    void save(List<FitState<?>> states);
  }

  /**
   * Passes until every fit has a result (and, with final scoring, its final statistics). Full-batch
   * fits share full passes. Mini-batch fits share step t's subset of the blocks ({@link
   * MiniBatch#subset}, t counted by this loop, so all fits of a loop read the same blocks at the
   * same step), and then one last full pass each.
   */
  private static void loop(List<LoopFit<?>> fits, StatisticsSource data, EmOptions options,
      IterationListener listener, StateSink checkpoints) {
    List<LoopFit<?>> live = fits.stream().filter(LoopFit::live).toList();
    long step = 0;
    while (!live.isEmpty()) {
      List<LoopFit<?>> full = live.stream().filter(LoopFit::wantsFullPass).toList();
      List<LoopFit<?>> batch = live.stream().filter(f -> !f.wantsFullPass()).toList();
      if (!full.isEmpty()) {
        pass(full, fits, data, MiniBatch.BlockSubset.ALL, options, listener);
      }
      if (!batch.isEmpty()) {
        pass(batch, fits, data, options.miniBatch().subset(step++), options, listener);
      }
      checkpoints.save(fits.stream().<FitState<?>>map(LoopFit::saved).toList());
      live = live.stream().filter(LoopFit::live).toList();
    }
  }

  private static void pass(List<LoopFit<?>> live, List<LoopFit<?>> fits, StatisticsSource data,
      MiniBatch.BlockSubset subset, EmOptions options, IterationListener listener) {
    long started = System.nanoTime();
    List<? extends EStep> steps = live.stream().map(f -> f.eStep(options, data.totalWeight())).toList();
    List<SufficientStats> stats = subset.isAll() ? data.pass(steps) : data.pass(steps, subset);
    for (int i = 0; i < live.size(); i++) {
      live.get(i).afterPass(stats.get(i), options, data.totalWeight(), started,
          fits.indexOf(live.get(i)), listener);
    }
  }
}
