package io.sparkem.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of one fit of {@link EmLoop} between passes: θ of the next pass, the last accepted θ
 * and its totals, the trace, the warnings, the running statistics of a mini-batch fit, the prior
 * statistics of an update, and the result once it has one. Mutable, driver-only, private to the
 * loop; the class comment of {@link EmLoop} says what a pass does with it.
 */
final class LoopFit<M extends Model> {

  /** No thresholds: a fit's final pass collects the sketch of its log-densities only. */
  private static final double[] NO_THRESHOLDS = {};

  private final Family<M> family;
  private final StepRule<M> rule;
  /** Statistics every M-step adds (update: D × the stored ones); null for none. */
  private final SufficientStats prior;
  /** θ of the next pass. */
  private M theta;
  /** The last accepted θ and the totals of its pass (null before the first). */
  private M accepted;
  private SufficientStats acceptedStats;
  private final List<TraceEntry> trace;
  private final Set<String> warnings;
  private FitResult<M> result;
  /** The state a checkpoint holds: the latest one from which the loop can continue. */
  private FitState<M> saved;
  /** Mini-batch fits: the running statistics; null for full-batch EM. */
  private final StepwiseEm stepwise;
  /** Mini-batch fits: the steps are over and the next pass is the full one that scores θ. */
  private boolean scoring;
  /** Mini-batch fits: whether the steps ended by settling rather than by maxIter. */
  private boolean settled;
  /** The result is in, but its final statistics still lack what final scoring needs: one more pass. */
  private boolean rescoring;
  /** Records whose E-step ran for this fit in this loop. */
  private long recordsRead;
  /** Mini-batch fits: steps before the first that drew a block (they leave no trace entry). */
  private int emptySteps;

  private LoopFit(Family<M> family, FitState<M> state, StepRule<M> rule, MiniBatch miniBatch,
      SufficientStats prior) {
    this.stepwise = miniBatch.isFull() ? null : new StepwiseEm(miniBatch);
    this.family = family;
    this.rule = rule;
    this.prior = prior;
    this.theta = state.theta();
    this.acceptedStats = state.previous();
    this.trace = new ArrayList<>(state.trace());
    this.warnings = new LinkedHashSet<>(state.warnings());
    this.result = state.result();
    this.saved = state;
  }

  static <M extends Model> LoopFit<M> of(EmLoop.Job<M> job, EmOptions options) {
    FitState<M> state = reopened(job.state(), options);
    LoopFit<M> fit = new LoopFit<>(job.family(), state, options.accelerate().rule(job.family()),
        options.miniBatch(), job.prior());
    fit.scoring = fit.stepwise != null && fit.trace.size() >= options.maxIter();
    fit.rescoring = fit.result != null && fit.lacksFinalScore(fit.result, options);
    return fit;
  }

  /**
   * A fit that stopped only because it ran out of iterations continues when {@code maxIter} is now
   * larger: its last pass is run again (same θ, same statistics) and the loop goes on from there.
   */
  private static <M extends Model> FitState<M> reopened(FitState<M> s, EmOptions options) {
    // A mini-batch fit's running statistics are not saved: a finished one stays finished.
    if (options.miniBatch().isFull() && s.result() != null && !s.result().converged()
        && s.result().iterations() < options.maxIter()) {
      return new FitState<>(s.theta(), s.trace(), s.warnings(), s.previous(), null);
    }
    return s;
  }

  FitResult<M> result() {
    return result;
  }

  FitState<M> saved() {
    return saved;
  }

  /** Whether the loop still has a pass to run for this fit. */
  boolean live() {
    return result == null || rescoring;
  }

  /** Whether this fit's next pass reads every block. */
  boolean wantsFullPass() {
    return stepwise == null || scoring || rescoring;
  }

  /** The E-step of the next pass: collecting the records' log-densities when it should score θ. */
  EStep eStep(EmOptions options, double dataWeight) {
    M at = rescoring ? result.model() : theta;
    EStep plain = family.eStep(at);
    boolean collect = options.scoreFinal() && (rescoring || (stepwise == null ? mayBeLast(options, dataWeight)
        : scoring));
    return collect ? plain.collectingDensities(NO_THRESHOLDS).orElse(plain) : plain;
  }

  /**
   * Whether the next full pass may be the fit's last: pass maxIter; pass 2, the earliest at which a
   * rate can not yet be estimated but easy data (well separated, a good start) often converge;
   * pass 1 of an update, which starts at a fitted θ; and any pass the forecast says converges.
   * Collecting where it was not needed costs the sketch, a fraction of a pass; missing the last
   * pass costs a whole pass more.
   */
  private boolean mayBeLast(EmOptions options, double dataWeight) {
    int pass = trace.size();
    return pass >= options.maxIter() || pass == 2 || (pass == 1 && prior != null)
        || convergesNext(trace, dataWeight, options.tol());
  }

  /**
   * Whether the next pass is expected to meet the tolerance: with Δ_i the changes between the last
   * three accepted log-likelihoods in the trace (per unit weight {@code weight}), ρ = Δ_{t−1}/Δ_{t−2}
   * capped at 1, the forecast ρ·Δ_{t−1} is at most {@code tol}. False with fewer than three.
   */
  static boolean convergesNext(List<TraceEntry> trace, double weight, double tol) {
    double[] last = new double[3];
    int found = 0;
    for (int i = trace.size() - 1; i >= 0 && found < 3; i--) {
      if (trace.get(i).accepted()) {
        last[found++] = trace.get(i).logLikelihood();
      }
    }
    if (found < 3) {
      return false;
    }
    double d1 = Math.abs(last[0] - last[1]) / weight;
    double d2 = Math.abs(last[1] - last[2]) / weight;
    double rho = d2 > 0 ? Math.min(1, d1 / d2) : 1;
    return rho * d1 <= tol;
  }

  /** Whether a result still needs a pass of its final θ for final scoring. */
  private boolean lacksFinalScore(FitResult<M> r, EmOptions options) {
    if (!options.scoreFinal()) {
      return false;
    }
    SufficientStats s = r.finalStats();
    boolean collects = family.eStep(r.model()).collectingDensities(NO_THRESHOLDS).isPresent();
    return s == null || s instanceof PassSummary || (collects && s.densities().isEmpty());
  }

  /** The statistics the M-step and the result read: the pass's, with the prior merged in (around θ's centres). */
  private SufficientStats withPrior(SufficientStats stats, M at) {
    if (prior == null || stats instanceof PassSummary) {
      return stats; // a checkpoint's totals carry no sums to blend (the loop rescores such a result)
    }
    return family.eStep(at).zero().merge(stats).merge(prior);
  }

  void afterPass(SufficientStats stats, EmOptions options, double dataWeight, long started, int index,
      IterationListener listener) {
    recordsRead += stats.records();
    if (rescoring) {
      rescoring = false;
      result = result.withFinalStats(withPrior(stats, result.model()), stats.records());
      saved = new FitState<>(result.model(), saved.trace(), saved.warnings(), saved.previous(), result);
      return;
    }
    if (stepwise != null) {
      afterStep(stats, options, dataWeight, started, index, listener);
      if (result != null) {
        saved = new FitState<>(result.model(), trace, new ArrayList<>(warnings), null, result);
      }
    } else {
      afterFullPass(stats, options, started, index, listener);
      if (result != null) {
        saved = new FitState<>(result.model(), trace, new ArrayList<>(warnings),
            acceptedStats == null ? null : PassSummary.of(acceptedStats), result);
      } else if (rule.atRest()) {
        saved = new FitState<>(theta, trace, new ArrayList<>(warnings),
            acceptedStats == null ? null : PassSummary.of(acceptedStats), null);
      }
    }
    if (result != null) {
      rescoring = lacksFinalScore(result, options);
    }
  }

  private void afterFullPass(SufficientStats stats, EmOptions options, long started, int index,
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
      MStepResult<M> m = family.mStep(withPrior(stats, theta), theta);
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
      MStepResult<M> m = family.mStep(withPrior(blended, theta), theta);
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

  /** The result: θ and the statistics of its pass, with the prior merged in. */
  private void finish(M model, SufficientStats stats, boolean converged) {
    SufficientStats last = withPrior(stats, model);
    result = new FitResult<>(model, last.logLikelihood(), last, last.records(), last.totalWeight(),
        trace.size(), converged, trace, new ArrayList<>(warnings), recordsRead);
  }
}
