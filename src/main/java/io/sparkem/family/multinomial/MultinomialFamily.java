package io.sparkem.family.multinomial;

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
 * Multinomial mixtures. M-step with pseudo-count α ≥ 0 ({@code FamilyOptions.pseudoCount}):
 * <pre>
 *   p_ja = (S_ja + α) / (Σ_b S_jb + d·α),   S_ja = Σ_i w_i r_ij x_ia
 * </pre>
 * α = 0 (the default) is the maximum-likelihood M-step; α &gt; 0 is additive (Laplace/Lidstone)
 * smoothing, the MAP M-step under a symmetric Dirichlet(1 + α) prior on each p_j — EM then
 * climbs the log-posterior, and the log-likelihood alone may dip slightly. Probabilities are kept
 * ≥ {@value #P_MIN} (only underflow reaches it, so rows still sum to 1 in double precision); a
 * component whose records have no counts at all gets the uniform p.
 */
public final class MultinomialFamily extends ComponentMixtureFamily<MultinomialMixture> {

  /** Smallest probability kept: log p ≥ −690.8, finite, and invisible in a sum to 1. */
  public static final double P_MIN = 1e-300;

  private final double pseudoCount;

  public MultinomialFamily(boolean fixWeights, double pseudoCount) {
    super(fixWeights);
    if (!(pseudoCount >= 0) || Double.isInfinite(pseudoCount)) {
      throw new IllegalArgumentException("pseudo-count must be a finite number >= 0, got " + pseudoCount);
    }
    this.pseudoCount = pseudoCount;
  }

  public static MultinomialFamily of(FamilyOptions options) {
    return new MultinomialFamily(options.fixWeights(), options.pseudoCount());
  }

  public double pseudoCount() {
    return pseudoCount;
  }

  @Override
  public String name() {
    return "multinomial";
  }

  @Override
  public EStep eStep(MultinomialMixture theta) {
    return new MultinomialEStep(theta);
  }

  @Override
  protected double[] estimateComponent(double[] sums, double n) {
    int d = sums.length;
    double total = d * pseudoCount;
    for (double s : sums) {
      total += s;
    }
    double[] p = new double[d];
    for (int a = 0; a < d; a++) {
      p[a] = total > 0 ? Math.max(P_MIN, (sums[a] + pseudoCount) / total) : 1.0 / d;
    }
    return p;
  }

  /** 1%: a start from a hard clustering gives every category seen anywhere a positive p. */
  @Override
  protected double startBlend() {
    return 0.01;
  }

  /** Centred log-ratios of p_j, so that any real coordinates are a probability vector. */
  @Override
  protected void encodeComponent(double[] parameters, double[] out, int off) {
    io.sparkem.family.SimplexCoordinates.encode(parameters, out, off);
  }

  @Override
  protected double[] decodeComponent(double[] u, int off, int m) {
    double[] p = io.sparkem.family.SimplexCoordinates.decode(u, off, m);
    for (int a = 0; a < m; a++) {
      p[a] = Math.max(P_MIN, p[a]);
    }
    return p;
  }

  @Override
  protected MultinomialMixture model(double[] weights, double[][] parameters) {
    return new MultinomialMixture(weights, parameters);
  }

  @Override
  public RecordCheck recordCheck() {
    return RecordChecks.COUNTS;
  }

  @Override
  protected void writeComponent(ObjectNode component, double[] parameters) {
    JsonFields.putVector(component, "p", parameters);
  }

  /** {@code p}: probabilities in [0, 1] summing to 1 (within 1e-9); zeros are raised to P_MIN. */
  @Override
  protected double[] readComponent(JsonNode component) {
    double[] p = JsonFields.vector(component, "p", -1);
    double s = 0;
    for (int a = 0; a < p.length; a++) {
      if (!(p[a] >= 0 && p[a] <= 1)) {
        throw new UserError("model.json: 'p'[" + a + "] is " + p[a] + ", not a probability in [0, 1]");
      }
      s += p[a];
      p[a] = Math.max(P_MIN, p[a]);
    }
    if (Math.abs(s - 1) > 1e-9) {
      throw new UserError("model.json: the multinomial 'p' sums to " + s + ", not 1");
    }
    return p;
  }

  /** Random well-separated θ and records drawn from it ({@link MultinomialGenerator}). */
  @Override
  public java.util.Optional<io.sparkem.core.Generative<MultinomialMixture>> generator() {
    return java.util.Optional.of(new MultinomialGenerator());
  }

  @Override
  public Class<MultinomialMixture> modelClass() {
    return MultinomialMixture.class;
  }
}
