package io.sparkem.family.binomial;

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
 * Binomial mixtures. M-step: p_j = Σ_i w_i r_ij x_i / Σ_i w_i r_ij n_i — the expected successes
 * over the expected trials (Do &amp; Batzoglou 2008) — clamped to [{@value #P_MIN}, 1 − {@value
 * #P_MIN}] so that log p and log(1 − p) stay finite (the exact M-step on that interval).
 */
public final class BinomialFamily extends ComponentMixtureFamily<BinomialMixture> {

  /** Smallest probability kept. */
  public static final double P_MIN = 1e-10;
  /** Largest probability kept. */
  public static final double P_MAX = 1 - P_MIN;

  public BinomialFamily(boolean fixWeights) {
    super(fixWeights);
  }

  public static BinomialFamily of(FamilyOptions options) {
    return new BinomialFamily(options.fixWeights());
  }

  static double clamp(double p) {
    return Math.min(P_MAX, Math.max(P_MIN, p));
  }

  @Override
  public String name() {
    return "binomial";
  }

  /** The successes, then the trials the loader appends. */
  @Override
  public int blockWidth(int dimension) {
    return dimension + 1;
  }

  @Override
  public EStep eStep(BinomialMixture theta) {
    return new BinomialEStep(theta);
  }

  /** {@code sums} = (Σ r x, Σ r n). */
  @Override
  protected double[] estimateComponent(double[] sums, double n) {
    return new double[] {clamp(sums[0] / sums[1])};
  }

  /** 1%: a start from a hard clustering keeps every p_j off the clamp. */
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
  protected BinomialMixture model(double[] weights, double[][] parameters) {
    double[] p = new double[parameters.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = parameters[j][0];
    }
    return new BinomialMixture(weights, p);
  }

  /** (successes, trials): n a positive integer, x an integer in 0..n. */
  @Override
  public RecordCheck recordCheck() {
    return (x, off, d) -> {
      if (d != 2) {
        return new RecordCheck.Problem(0, "has no number of trials beside it: binomial needs "
            + "--trials-col COLUMN or --trials N");
      }
      double successes = x[off];
      double trials = x[off + 1];
      if (!(RecordChecks.isCount(trials) && trials >= 1)) {
        return new RecordCheck.Problem(1, "must be a positive integer number of trials");
      }
      if (!(RecordChecks.isCount(successes) && successes <= trials)) {
        return new RecordCheck.Problem(0, "must be an integer between 0 and the number of trials ("
            + RecordChecks.format(trials) + ")");
      }
      return null;
    };
  }

  @Override
  protected void writeComponent(ObjectNode component, double[] parameters) {
    component.put("p", parameters[0]);
  }

  /** {@code p}: a probability in [0, 1]; exact 0 and 1 are clamped like the M-step's. */
  @Override
  protected double[] readComponent(JsonNode component) {
    double p = JsonFields.number(component, "p");
    if (!(p >= 0 && p <= 1)) {
      throw new UserError("model.json: 'p' is " + p + ", not a probability in [0, 1]");
    }
    return new double[] {clamp(p)};
  }

  /** Random well-separated θ and records drawn from it ({@link BinomialGenerator}). */
  @Override
  public java.util.Optional<io.sparkem.core.Generative<BinomialMixture>> generator() {
    return java.util.Optional.of(new BinomialGenerator());
  }

  @Override
  public Class<BinomialMixture> modelClass() {
    return BinomialMixture.class;
  }
}
