package io.sparkem.core;

/**
 * How a fit chooses the θ of its next pass — the one thing plain EM and its accelerators differ
 * in. {@link EmLoop} consults the fit's rule after every pass: first whether the θ just evaluated
 * joins the fit's path ({@link #accepts}), then, from the M-step of an accepted θ or after a
 * rejected one, which θ to evaluate next. Accepted θs have non-decreasing log-likelihoods.
 *
 * <p>A rule holds the state of one fit (mutable, driver-only); {@link Accelerator#rule} makes a
 * fresh one per fit.
 *
 * @param <M> the family's θ
 */
public interface StepRule<M extends Model> {

  /** Whether the θ of the pass just run, whose log-likelihood is {@code ll}, is accepted. */
  boolean accepts(double ll);

  /** The θ of the next pass after the pass at {@code evaluated} was accepted; {@code mapped} is its M-step. */
  M next(M evaluated, M mapped);

  /** The θ of the next pass after a rejected one. */
  M afterRejection();

  /**
   * Whether the θ of the next pass is the plain EM map of an accepted θ, so that a fit resumed
   * from it with a fresh rule keeps every guarantee (checkpoints are taken only there).
   */
  default boolean atRest() {
    return true;
  }

  /** Plain EM: every θ is accepted, the next θ is the M-step of the last. */
  static <M extends Model> StepRule<M> plain() {
    return new StepRule<>() {
      @Override
      public boolean accepts(double ll) {
        return true;
      }

      @Override
      public M next(M evaluated, M mapped) {
        return mapped;
      }

      @Override
      public M afterRejection() {
        throw new IllegalStateException("plain EM rejects nothing");
      }
    };
  }
}
