package io.sparkem.family.exponential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.EStep;
import io.sparkem.core.RecordCheck;
import io.sparkem.family.ComponentMixtureFamily;
import io.sparkem.family.JsonFields;
import io.sparkem.family.LinearEStep;
import io.sparkem.registry.Capability;
import io.sparkem.registry.FamilyEntry;
import java.util.EnumSet;
import java.util.Set;

/**
 * A family that exists only in the tests, to show what adding one takes: this package and one
 * registry entry ({@link #ENTRY}). Mixtures of independent exponentials, f_j(x) = Π_a λ_ja
 * exp(−λ_ja x_a) for x_a &gt; 0. The log-density is linear in x (η_ja = −λ_ja, c_j = Σ_a log λ_ja),
 * so the shared {@link LinearEStep} and column-sum statistics serve; the M-step is the MLE
 * λ_ja = N_j / S_ja (N_j = Σ_i w_i r_ij, S_ja = Σ_i w_i r_ij x_ia).
 */
public final class ExponentialFamily extends ComponentMixtureFamily<ExponentialMixture> {

  /** Its registry entry: a likelihood, mini-batch steps and the Spark ML estimator; nothing beside the features. */
  public static final FamilyEntry ENTRY = new FamilyEntry("exponential",
      "mixture of exponential distributions of positive values (a test's own family)", Set.of(),
      EnumSet.of(Capability.LIKELIHOOD, Capability.MINI_BATCH, Capability.SPARK_ML), null,
      s -> new ExponentialFamily(s.options().fixWeights()));

  public ExponentialFamily(boolean fixWeights) {
    super(fixWeights);
  }

  @Override
  public String name() {
    return "exponential";
  }

  @Override
  public EStep eStep(ExponentialMixture theta) {
    int k = theta.k();
    double[][] eta = new double[k][];
    double[] c = new double[k];
    for (int j = 0; j < k; j++) {
      eta[j] = new double[theta.dimension()];
      for (int a = 0; a < eta[j].length; a++) {
        eta[j][a] = -theta.rate()[j][a];
        c[j] += Math.log(theta.rate()[j][a]);
      }
    }
    return new ExponentialEStep(theta.weights(), eta, c);
  }

  /** The E-step: the base measure h(x) is 0. */
  private static final class ExponentialEStep extends LinearEStep {
    private static final long serialVersionUID = 1L;

    ExponentialEStep(double[] weights, double[][] eta, double[] c) {
      super(weights, eta, c);
    }

    @Override
    protected double baseMeasure(double[] x, int off, int width) {
      return 0;
    }
  }

  @Override
  protected double[] estimateComponent(double[] sums, double n) {
    double[] rate = new double[sums.length];
    for (int a = 0; a < rate.length; a++) {
      rate[a] = n / sums[a];
    }
    return rate;
  }

  @Override
  protected ExponentialMixture model(double[] weights, double[][] parameters) {
    return new ExponentialMixture(weights, parameters);
  }

  @Override
  public RecordCheck recordCheck() {
    return (x, off, d) -> {
      for (int a = 0; a < d; a++) {
        if (!(x[off + a] > 0)) {
          return new RecordCheck.Problem(a, "must be a positive number");
        }
      }
      return null;
    };
  }

  @Override
  protected void writeComponent(ObjectNode component, double[] parameters) {
    JsonFields.putVector(component, "rate", parameters);
  }

  @Override
  protected double[] readComponent(JsonNode component) {
    return JsonFields.vector(component, "rate", -1);
  }

  @Override
  public Class<ExponentialMixture> modelClass() {
    return ExponentialMixture.class;
  }
}
