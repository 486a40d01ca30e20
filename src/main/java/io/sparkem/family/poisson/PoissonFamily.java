package io.sparkem.family.poisson;

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
 * Poisson mixtures. M-step: λ_ja = Σ_i w_i r_ij x_ia / N_j (the responsibility-weighted mean
 * count), kept ≥ {@value #LAMBDA_MIN}: a component whose records are all 0 in a feature would
 * otherwise get λ = 0, log λ = −∞, and rule out every record with a count there for good.
 */
public final class PoissonFamily extends ComponentMixtureFamily<PoissonMixture> {

  /** Smallest rate kept (log λ ≥ −23.03). */
  public static final double LAMBDA_MIN = 1e-10;

  public PoissonFamily(boolean fixWeights) {
    super(fixWeights);
  }

  public static PoissonFamily of(FamilyOptions options) {
    return new PoissonFamily(options.fixWeights());
  }

  @Override
  public String name() {
    return "poisson";
  }

  @Override
  public EStep eStep(PoissonMixture theta) {
    return new PoissonEStep(theta);
  }

  @Override
  protected double[] estimateComponent(double[] sums, double n) {
    double[] lambda = new double[sums.length];
    for (int a = 0; a < lambda.length; a++) {
      lambda[a] = Math.max(LAMBDA_MIN, sums[a] / n);
    }
    return lambda;
  }

  /** 1%: a start from a hard clustering has no rate at the floor. */
  @Override
  protected double startBlend() {
    return 0.01;
  }

  /** log λ, so that any real coordinate is a rate (kept ≥ the floor like the M-step's). */
  @Override
  protected void encodeComponent(double[] parameters, double[] out, int off) {
    for (int a = 0; a < parameters.length; a++) {
      out[off + a] = Math.log(parameters[a]);
    }
  }

  @Override
  protected double[] decodeComponent(double[] u, int off, int m) {
    double[] lambda = new double[m];
    for (int a = 0; a < m; a++) {
      lambda[a] = Math.min(Double.MAX_VALUE, Math.max(LAMBDA_MIN, Math.exp(u[off + a])));
    }
    return lambda;
  }

  @Override
  protected PoissonMixture model(double[] weights, double[][] parameters) {
    return new PoissonMixture(weights, parameters);
  }

  @Override
  public RecordCheck recordCheck() {
    return RecordChecks.COUNTS;
  }

  @Override
  protected void writeComponent(ObjectNode component, double[] parameters) {
    JsonFields.putVector(component, "lambda", parameters);
  }

  /** {@code lambda}: rates ≥ 0; a rate below the floor is raised to it. */
  @Override
  protected double[] readComponent(JsonNode component) {
    double[] lambda = JsonFields.vector(component, "lambda", -1);
    for (int a = 0; a < lambda.length; a++) {
      if (!(lambda[a] >= 0)) {
        throw new UserError("model.json: 'lambda'[" + a + "] is " + lambda[a] + "; a rate must be >= 0");
      }
      lambda[a] = Math.max(LAMBDA_MIN, lambda[a]);
    }
    return lambda;
  }

  /** Random well-separated θ and records drawn from it ({@link PoissonGenerator}). */
  @Override
  public java.util.Optional<io.sparkem.core.Generative<PoissonMixture>> generator() {
    return java.util.Optional.of(new PoissonGenerator());
  }

  @Override
  public Class<PoissonMixture> modelClass() {
    return PoissonMixture.class;
  }
}
