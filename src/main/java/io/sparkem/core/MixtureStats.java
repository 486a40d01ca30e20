package io.sparkem.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The part of every mixture's statistics that does not depend on the family: Σ responsibility per
 * component, the log-likelihood, the total weight and the record count — and, in a pass that
 * collects them, the records' log-densities ({@link RecordDensities}). Families extend it with
 * their own sums, merge them in {@link #mergeFamily} and give them a JSON form
 * ({@link #writeComponent}, {@link #readComponent}).
 *
 * <p>JSON form (model.json's {@code statistics}): {@code {"logLikelihood": Σ w log p(x),
 * "totalWeight": Σ w, "records": n, "components": [{"weight": N_j = Σ w r_j, ...the family's sums}]}}.
 */
public abstract class MixtureStats implements SufficientStats {

  private static final long serialVersionUID = 1L;

  /** Σ_i w_i r_ij per component j. */
  protected final double[] componentWeight;
  protected double logLikelihood;
  protected double totalWeight;
  protected long records;
  /** The records' log-densities, in a pass that collects them; else null. */
  private RecordDensities densities;

  protected MixtureStats(int k) {
    this.componentWeight = new double[k];
  }

  public int k() {
    return componentWeight.length;
  }

  /** Σ_i w_i r_ij for component j. */
  public double componentWeight(int j) {
    return componentWeight[j];
  }

  /** From now on, collect the records' log-densities (and the weight below each threshold). */
  final void collectDensities(double[] thresholds) {
    densities = new RecordDensities(thresholds);
  }

  /** Whether this pass collects the records' log-densities. */
  public final boolean collectsDensities() {
    return densities != null;
  }

  /**
   * Notes one record's log-density log p(x | θ) with its weight, when this pass collects them:
   * every E-step calls it once per record with the log-sum-exp it computed.
   */
  public final void noteLogDensity(double logDensity, double w) {
    if (densities != null) {
      densities.add(logDensity, w);
    }
  }

  /** {@link #noteLogDensity} of records {@code from..from+n)} of the arrays: one call per block or tile. */
  public final void noteLogDensities(double[] logDensity, double[] w, int from, int n) {
    if (densities != null) {
      densities.addAll(logDensity, w, from, n);
    }
  }

  @Override
  public Optional<RecordDensities> densities() {
    return Optional.ofNullable(densities);
  }

  /** Adds one block's share of the family-independent sums. */
  void addTotals(double blockLogLikelihood, double blockWeight, int rows) {
    logLikelihood += blockLogLikelihood;
    totalWeight += blockWeight;
    records += rows;
  }

  /**
   * Adds the family's sums of one block. {@code resp[i*k + j]} is w_i·r_ij, the record weight
   * already multiplied in; rows with zero weight have all-zero entries.
   */
  protected abstract void addBlock(Block block, double[] resp);

  /**
   * Adds responsibilities computed elsewhere — a hidden Markov model's state posteriors — to Σ r
   * and to the family's sums, so that another model reuses this family's statistics and M-step.
   * {@code resp[i*k + j]} is w_i·r_ij as in {@link #addBlock}. The log-likelihood, total weight
   * and record count are left to the caller.
   */
  public final void addWeighted(Block block, double[] resp) {
    int k = k();
    for (int i = 0; i < block.rows(); i++) {
      for (int j = 0; j < k; j++) {
        componentWeight[j] += resp[i * k + j];
      }
    }
    addBlock(block, resp);
  }

  /** Adds {@code other}'s family sums into this; {@code other} has the same class and shape. */
  protected abstract void mergeFamily(MixtureStats other);

  @Override
  public final SufficientStats merge(SufficientStats other) {
    MixtureStats o = (MixtureStats) other;
    for (int j = 0; j < componentWeight.length; j++) {
      componentWeight[j] += o.componentWeight[j];
    }
    logLikelihood += o.logLikelihood;
    totalWeight += o.totalWeight;
    records += o.records;
    mergeFamily(o);
    if (o.densities != null) {
      densities = (densities == null ? o.densities.emptyCopy() : densities).merge(o.densities);
    }
    return this;
  }

  /**
   * Multiplies the family's sums by {@code factor} (see {@link #scale}). A factor of 0 also forgets
   * the record count: statistics that weigh nothing summarise no records ({@code update --decay 0}).
   * Collected log-densities are dropped: they belong to the pass, not to a blend.
   */
  protected abstract void scaleFamily(double factor);

  @Override
  public final SufficientStats scale(double factor) {
    for (int j = 0; j < componentWeight.length; j++) {
      componentWeight[j] *= factor;
    }
    logLikelihood *= factor;
    totalWeight *= factor;
    if (factor == 0) {
      records = 0;
    }
    densities = null;
    scaleFamily(factor);
    return this;
  }

  /** Writes the family's sums of component j into its JSON object (beside {@code weight}). */
  protected abstract void writeComponent(int j, ObjectNode component);

  /** Reads component j's sums, as {@link #writeComponent} wrote them, into this (a zero). */
  protected abstract void readComponent(int j, JsonNode component);

  @Override
  public final void writeJson(ObjectNode into) {
    into.put("logLikelihood", logLikelihood);
    into.put("totalWeight", totalWeight);
    into.put("records", records);
    ArrayNode comps = into.putArray("components");
    for (int j = 0; j < k(); j++) {
      ObjectNode c = comps.addObject();
      c.put("weight", componentWeight[j]);
      writeComponent(j, c);
    }
  }

  /**
   * Fills this zero with the statistics {@link #writeJson} wrote; a malformed field is a
   * {@link UserError} naming it. Returns this.
   */
  public final MixtureStats readJson(JsonNode node) {
    logLikelihood = StatisticsJson.number(node, "logLikelihood");
    totalWeight = StatisticsJson.number(node, "totalWeight");
    JsonNode n = node.path("records");
    if (!n.canConvertToLong() || n.asLong() < 0) {
      throw new UserError("statistics: 'records' must be a count >= 0");
    }
    records = n.asLong();
    JsonNode comps = StatisticsJson.array(node, "components", k());
    for (int j = 0; j < k(); j++) {
      componentWeight[j] = StatisticsJson.number(comps.get(j), "weight");
      readComponent(j, comps.get(j));
    }
    return this;
  }

  @Override
  public double logLikelihood() {
    return logLikelihood;
  }

  @Override
  public double totalWeight() {
    return totalWeight;
  }

  @Override
  public long records() {
    return records;
  }
}
