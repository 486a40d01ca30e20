package io.sparkem.family.bernoulli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.EStep;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.RecordCheck;
import io.sparkem.core.UserError;
import io.sparkem.family.ComponentMixtureFamily;
import io.sparkem.family.JsonFields;
import io.sparkem.family.RecordChecks;

/**
 * Bernoulli mixtures. M-step (Bishop 2006, §9.3.3): p_ja = Σ_i w_i r_ij x_ia / N_j, clamped to
 * [{@value #P_MIN}, 1 − {@value #P_MIN}] so that log p and log(1 − p) stay finite: a feature that
 * is always 1 in a component would otherwise make every record with a 0 there impossible under
 * it. The clamp is the exact M-step of the problem with p restricted to that interval (the
 * expected log-likelihood is concave in each p_ja), so the log-likelihood still never decreases.
 */
public final class BernoulliFamily extends ComponentMixtureFamily<BernoulliMixture> {

  /** Smallest probability kept (log p ≥ −23.03). */
  public static final double P_MIN = 1e-10;
  /** Largest probability kept. */
  public static final double P_MAX = 1 - P_MIN;

  public BernoulliFamily(boolean fixWeights) {
    super(fixWeights);
  }

  public static BernoulliFamily of(FamilyOptions options) {
    return new BernoulliFamily(options.fixWeights());
  }

  static double clamp(double p) {
    return Math.min(P_MAX, Math.max(P_MIN, p));
  }

  @Override
  public String name() {
    return "bernoulli";
  }

  @Override
  public EStep eStep(BernoulliMixture theta) {
    return new BernoulliEStep(theta);
  }

  @Override
  protected double[] estimateComponent(double[] sums, double n) {
    double[] p = new double[sums.length];
    for (int a = 0; a < p.length; a++) {
      p[a] = clamp(sums[a] / n);
    }
    return p;
  }

  /** 1%: a start from a hard clustering keeps every p_ja off the clamp. */
  @Override
  protected double startBlend() {
    return 0.01;
  }

  /** logit p, so that any real coordinate is a probability (clamped like the M-step's). */
  @Override
  protected void encodeComponent(double[] parameters, double[] out, int off) {
    for (int a = 0; a < parameters.length; a++) {
      out[off + a] = Math.log(parameters[a] / (1 - parameters[a]));
    }
  }

  @Override
  protected double[] decodeComponent(double[] u, int off, int m) {
    double[] p = new double[m];
    for (int a = 0; a < m; a++) {
      p[a] = clamp(1 / (1 + Math.exp(-u[off + a])));
    }
    return p;
  }

  @Override
  protected BernoulliMixture model(double[] weights, double[][] parameters) {
    return new BernoulliMixture(weights, parameters);
  }

  @Override
  public RecordCheck recordCheck() {
    return RecordChecks.BINARY;
  }

  @Override
  protected void writeComponent(ObjectNode component, double[] parameters) {
    JsonFields.putVector(component, "p", parameters);
  }

  /** {@code p}: probabilities in [0, 1]; exact 0 and 1 are clamped like the M-step's. */
  @Override
  protected double[] readComponent(JsonNode component) {
    double[] p = JsonFields.vector(component, "p", -1);
    for (int a = 0; a < p.length; a++) {
      if (!(p[a] >= 0 && p[a] <= 1)) {
        throw new UserError("model.json: 'p'[" + a + "] is " + p[a] + ", not a probability in [0, 1]");
      }
      p[a] = clamp(p[a]);
    }
    return p;
  }

  /** Random well-separated θ and records drawn from it ({@link BernoulliGenerator}). */
  @Override
  public java.util.Optional<io.sparkem.core.Generative<BernoulliMixture>> generator() {
    return java.util.Optional.of(new BernoulliGenerator());
  }

  @Override
  public Class<BernoulliMixture> modelClass() {
    return BernoulliMixture.class;
  }
}
