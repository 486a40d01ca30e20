package io.sparkem.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.Family;
import io.sparkem.core.MStepResult;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * What bernoulli, binomial, poisson, multinomial and k-means share: statistics are {@link
 * ColumnSums}, so the M-step of component j is a function of (S_j, N_j) alone, θ_j =
 * {@link #estimateComponent}(S_j, N_j), with the weights from {@link MixingWeights}; the start
 * from a hard clustering is the same M-step on one-hot responsibilities; model.json holds a
 * {@code weight} and the family's field(s) per component. A family supplies the E-step, the
 * one-component estimator, its θ record and its JSON field.
 *
 * @param <M> the family's θ
 */
public abstract class ComponentMixtureFamily<M extends ComponentMixture> implements Family<M> {

  private final boolean fixWeights;

  protected ComponentMixtureFamily(boolean fixWeights) {
    this.fixWeights = fixWeights;
  }

  public boolean fixWeights() {
    return fixWeights;
  }

  /**
   * The parameters of one component from its statistics: {@code sums} = Σ_i w_i r_ij x_i over the
   * block columns, {@code n} = Σ_i w_i r_ij &gt; 0. Must return finite values (clamp if needed).
   */
  protected abstract double[] estimateComponent(double[] sums, double n);

  /** θ of the family from weights (length k) and component parameters (k × m). */
  protected abstract M model(double[] weights, double[][] parameters);

  /** Writes component parameters into a model.json component object. */
  protected abstract void writeComponent(ObjectNode component, double[] parameters);

  /** Reads and validates one component's parameters (a bad value is a {@link UserError}). */
  protected abstract double[] readComponent(JsonNode component);

  /**
   * The share ε of the pooled estimate mixed into each cluster's start, S_j ← (1−ε) S_j +
   * ε N_j S/N: a hard clustering leaves parameters at exactly 0 (a word never seen in a cluster),
   * which EM can never leave; a little of the pooled estimate keeps every start interior. 0 here.
   */
  protected double startBlend() {
    return 0;
  }

  /** Whether model.json components must carry {@code weight} (k-means: optional, default 1/k). */
  protected boolean weightsRequired() {
    return true;
  }

  /**
   * Writes the unconstrained coordinates of one component's parameters (length m) to
   * {@code out[off..off+m)}: identity here (k-means centres); families with constrained
   * parameters override it together with {@link #decodeComponent}.
   */
  protected void encodeComponent(double[] parameters, double[] out, int off) {
    System.arraycopy(parameters, 0, out, off, parameters.length);
  }

  /** The component parameters (length m) of the coordinates {@code u[off..off+m)}. */
  protected double[] decodeComponent(double[] u, int off, int m) {
    return java.util.Arrays.copyOfRange(u, off, off + m);
  }

  /** Centred log-ratios of the weights (unless fixed), then each component's coordinates. */
  @Override
  public java.util.Optional<io.sparkem.core.ParameterMap<M>> parameterMap() {
    return java.util.Optional.of(new ComponentMixtureMap<>(this));
  }

  @Override
  public double[] weights(M theta) {
    return theta.weights().clone();
  }

  @Override
  public MStepResult<M> mStep(SufficientStats stats, M previous) {
    ColumnSums s = (ColumnSums) stats;
    List<String> warnings = new ArrayList<>();
    double[] weights = MixingWeights.estimate(s, previous.weights(), fixWeights, warnings);
    double[][] params = new double[s.k()][];
    for (int j = 0; j < s.k(); j++) {
      params[j] = MixingWeights.isEmpty(s, j)
          ? previous.parameters()[j]
          : estimateComponent(s.sums(j), s.componentWeight(j));
    }
    return new MStepResult<>(model(weights, params), warnings);
  }

  /** {@link ColumnSums} (of θ's k and block width) as model.json holds them. */
  @Override
  public SufficientStats readStatistics(JsonNode node, M theta) {
    return ((io.sparkem.core.MixtureStats) eStep(theta).zero()).readJson(node);
  }

  @Override
  public M fromClustering(Block sample, int[] labels, int k) {
    ColumnSums s = ColumnSums.ofLabels(sample, labels, k);
    double[] total = new double[s.width()];
    double n = 0;
    double[] clusterWeight = new double[k];
    for (int j = 0; j < k; j++) {
      clusterWeight[j] = s.componentWeight(j);
      n += clusterWeight[j];
      double[] sj = s.sums(j);
      for (int a = 0; a < total.length; a++) {
        total[a] += sj[a];
      }
    }
    double eps = startBlend();
    double[][] params = new double[k][];
    for (int j = 0; j < k; j++) {
      if (MixingWeights.isEmpty(s, j)) {
        params[j] = estimateComponent(total, n); // a cluster of zero-weight rows starts pooled
        continue;
      }
      double[] sj = s.sums(j);
      for (int a = 0; a < sj.length; a++) {
        sj[a] = (1 - eps) * sj[a] + eps * clusterWeight[j] * total[a] / n;
      }
      params[j] = estimateComponent(sj, clusterWeight[j]);
    }
    return model(MixingWeights.ofClusters(clusterWeight, fixWeights), params);
  }

  @Override
  public void writeJson(M theta, ObjectNode root) {
    ArrayNode components = root.putArray("components");
    for (int j = 0; j < theta.k(); j++) {
      ObjectNode c = components.addObject();
      c.put("weight", theta.weights()[j]);
      writeComponent(c, theta.parameters()[j]);
    }
  }

  @Override
  public M readJson(JsonNode root) {
    JsonNode comps = JsonFields.components(root);
    int k = comps.size();
    double[] weights = new double[k];
    double[][] params = new double[k][];
    boolean anyWeight = false;
    for (int j = 0; j < k; j++) {
      JsonNode c = comps.get(j);
      anyWeight |= c.has("weight");
      try {
        params[j] = readComponent(c);
      } catch (UserError e) {
        throw new UserError("component " + j + ": " + e.getMessage(), e);
      }
      if (params[j].length != params[0].length) {
        throw new UserError("model.json: component " + j + " has " + params[j].length
            + " parameters but component 0 has " + params[0].length);
      }
    }
    for (int j = 0; j < k; j++) {
      weights[j] = anyWeight || weightsRequired() ? JsonFields.number(comps.get(j), "weight") : 1.0 / k;
    }
    JsonFields.checkWeights(weights);
    return model(weights, params);
  }
}
