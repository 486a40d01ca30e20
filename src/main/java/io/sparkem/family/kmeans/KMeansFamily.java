package io.sparkem.family.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.EStep;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.ComponentMixtureFamily;
import io.sparkem.family.JsonFields;

/**
 * k-means (Lloyd's algorithm) as hard EM. M-step: μ_j = Σ_{i ∈ C_j} w_i x_i / Σ_{i ∈ C_j} w_i; a
 * cluster left without records keeps its centre with weight 0 and a warning (as Spark MLlib keeps
 * it). Each step can only lower the cost (reassignment lowers every record's term, the mean
 * minimises each cluster's), so −cost, the loop's log-likelihood, never decreases.
 */
public final class KMeansFamily extends ComponentMixtureFamily<KMeansModel> {

  public KMeansFamily(boolean fixWeights) {
    super(fixWeights);
  }

  public static KMeansFamily of(FamilyOptions options) {
    return new KMeansFamily(options.fixWeights());
  }

  @Override
  public String name() {
    return "kmeans";
  }

  @Override
  public EStep eStep(KMeansModel theta) {
    return new KMeansEStep(theta);
  }

  @Override
  protected double[] estimateComponent(double[] sums, double n) {
    double[] mean = new double[sums.length];
    for (int a = 0; a < mean.length; a++) {
      mean[a] = sums[a] / n;
    }
    return mean;
  }

  @Override
  protected KMeansModel model(double[] weights, double[][] parameters) {
    return new KMeansModel(weights, parameters);
  }

  /**
   * Converged when the cost changed by at most {@code tol} relative to the previous pass's,
   * |cost_t − cost_{t−1}| ≤ tol·cost_{t−1} (so a pass that reassigns nothing converges).
   */
  @Override
  public boolean converged(SufficientStats previous, SufficientStats current, double tol) {
    double before = previous.cost().orElseThrow();
    double now = current.cost().orElseThrow();
    return Math.abs(before - now) <= tol * before;
  }

  @Override
  protected void writeComponent(ObjectNode component, double[] parameters) {
    JsonFields.putVector(component, "mean", parameters);
  }

  @Override
  protected double[] readComponent(JsonNode component) {
    return JsonFields.vector(component, "mean", -1);
  }

  /** A model.json for k-means may omit {@code weight} (then 1/k each). */
  @Override
  protected boolean weightsRequired() {
    return false;
  }

  /** Random well-separated θ and records drawn from it ({@link KMeansGenerator}). */
  @Override
  public java.util.Optional<io.sparkem.core.Generative<KMeansModel>> generator() {
    return java.util.Optional.of(new KMeansGenerator());
  }

  @Override
  public Class<KMeansModel> modelClass() {
    return KMeansModel.class;
  }

  /** Its sums of squares overflow from values of about 1e150 on (see {@link Family#squaresValues}). */
  @Override
  public boolean squaresValues() {
    return true;
  }
}
