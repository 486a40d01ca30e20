package io.sparkem.core;

/**
 * SQUAREM, scheme SqS3 (Varadhan &amp; Roland 2008, Scand. J. Statist. 35:335), as a step rule in
 * the unconstrained coordinates u of the family's {@link ParameterMap}. One cycle:
 * <pre>
 *   pass at θ0 → θ1 = M(θ0);   pass at θ1 → θ2 = M(θ1)
 *   r = u1 − u0,  v = u2 − 2·u1 + u0,  s = ‖r‖ / ‖v‖ clamped to [1, s_max]   (s = −α)
 *   θ' = u0 + 2s·r + s²·v;      pass at θ' → LL(θ'), and M(θ') is θ0 of the next cycle
 * </pre>
 * s = 1 gives θ' = θ2, a plain EM iterate. Safeguard: θ' is accepted only when LL(θ') ≥ LL(θ1),
 * the last accepted value; otherwise the pass is rejected and s backtracks towards 1 — first to
 * (1 + s)/2, then to 1, whose θ2 is taken as the M-step left it (so the fallback is exactly plain EM,
 * which never lowers the log-likelihood). A θ' whose E-step cannot even be built (a numerically
 * singular covariance) backtracks at once without a pass. s_max starts at 1 and grows fourfold
 * each time s hits it, and shrinks fourfold after a rejection (the R package's {@code stepmax}
 * rule), so the first cycle is plain EM and extrapolation lengthens only while it pays.
 */
final class Squarem<M extends Model> implements StepRule<M> {

  private static final double GROWTH = 4;

  private enum Phase { AT_THETA0, AT_THETA1, AT_EXTRAPOLATED }

  private final Family<M> family;
  private final ParameterMap<M> map;
  private Phase phase = Phase.AT_THETA0;
  private M theta0;
  private M theta2;
  private double[] u0;
  private double[] r;
  private double[] v;
  /** LL(θ1): what an extrapolated θ must reach. */
  private double bar;
  private double lastLl;
  private double step;
  private double stepMax = 1;
  private int backtracks;
  /** Whether the θ being evaluated is θ2 itself. */
  private boolean plain;

  Squarem(Family<M> family, ParameterMap<M> map) {
    this.family = family;
    this.map = map;
  }

  @Override
  public boolean accepts(double ll) {
    lastLl = ll;
    if (phase == Phase.AT_EXTRAPOLATED && !plain) {
      return ll >= bar; // false for NaN too
    }
    return true;
  }

  @Override
  public M next(M evaluated, M mapped) {
    switch (phase) {
      case AT_THETA0 -> {
        theta0 = evaluated;
        phase = Phase.AT_THETA1;
        return mapped;
      }
      case AT_THETA1 -> {
        bar = lastLl;
        theta2 = mapped;
        return extrapolate(evaluated);
      }
      default -> {
        phase = Phase.AT_THETA0; // M(θ') stabilises the extrapolation and starts the next cycle
        return mapped;
      }
    }
  }

  @Override
  public boolean atRest() {
    return phase == Phase.AT_THETA0;
  }

  @Override
  public M afterRejection() {
    stepMax = Math.max(1, stepMax / GROWTH);
    return candidate(backtrack());
  }

  private M extrapolate(M theta1) {
    u0 = map.toVector(theta0);
    double[] u1 = map.toVector(theta1);
    double[] u2 = map.toVector(theta2);
    r = new double[u0.length];
    v = new double[u0.length];
    double rr = 0;
    double vv = 0;
    for (int i = 0; i < u0.length; i++) {
      r[i] = u1[i] - u0[i];
      v[i] = u2[i] - 2 * u1[i] + u0[i];
      rr += r[i] * r[i];
      vv += v[i] * v[i];
    }
    double s = vv > 0 ? Math.sqrt(rr / vv) : 1;
    s = Double.isFinite(s) ? Math.max(1, Math.min(stepMax, s)) : 1;
    if (s == stepMax) {
      stepMax *= GROWTH;
    }
    phase = Phase.AT_EXTRAPOLATED;
    backtracks = 0;
    return candidate(s);
  }

  /** The θ' of step s, or θ2 when s is 1 or θ' is not a θ the E-step can use. */
  private M candidate(double s) {
    step = s;
    while (step > 1) {
      double[] u = new double[u0.length];
      boolean finite = true;
      for (int i = 0; i < u.length; i++) {
        u[i] = u0[i] + 2 * step * r[i] + step * step * v[i];
        finite &= Double.isFinite(u[i]);
      }
      if (finite) {
        try {
          M theta = map.fromVector(u, theta2);
          family.eStep(theta); // cheap probe on the driver: factorisations succeed
          plain = false;
          return theta;
        } catch (RuntimeException infeasible) {
          // fall through to a shorter step
        }
      }
      step = backtrack();
    }
    plain = true;
    return theta2;
  }

  /** Halfway to 1, (1 + s)/2, on the first backtrack of a cycle; then 1 (θ2). */
  private double backtrack() {
    backtracks++;
    return backtracks == 1 ? (1 + step) / 2 : 1;
  }
}
