package io.sparkem.family.hmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.MixtureStats;
import io.sparkem.core.StatisticsJson;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;

/**
 * Sufficient statistics of Baum–Welch (Rabiner 1989, eq. 40): expected start counts Σ_s γ_0(i),
 * expected transition counts Σ_s Σ_t ξ_t(i, j), and the emission family's own statistics with
 * the state posteriors γ_t(j) as responsibilities. k + k² doubles plus the emission's, whatever
 * the number of sequences. Every record has weight 1, so the total weight is the record count.
 *
 * <p>JSON form: {@code logLikelihood}, {@code records}, {@code sequences}, {@code start} (k),
 * {@code transitions} (k × k rows, expected counts i → j) and {@code emission}, the emission
 * family's statistics in its own form.
 */
public final class HmmStats implements SufficientStats {

  private static final long serialVersionUID = 1L;

  /** Σ γ_0(i) over sequences, length k. */
  final double[] start;
  /** Σ ξ_t(i, j) at {@code [i·k + j]}. */
  final double[] transitions;
  /** The emission family's statistics, fed with γ. */
  final MixtureStats emission;
  private double logLikelihood;
  private long records;
  private long sequences;

  HmmStats(int k, MixtureStats emission) {
    this.start = new double[k];
    this.transitions = new double[k * k];
    this.emission = emission;
  }

  void addTotals(double ll, int rows, int sequenceCount) {
    logLikelihood += ll;
    records += rows;
    sequences += sequenceCount;
  }

  /** Number of sequences folded in. */
  public long sequences() {
    return sequences;
  }

  @Override
  public SufficientStats merge(SufficientStats other) {
    HmmStats o = (HmmStats) other;
    for (int i = 0; i < start.length; i++) {
      start[i] += o.start[i];
    }
    for (int i = 0; i < transitions.length; i++) {
      transitions[i] += o.transitions[i];
    }
    emission.merge(o.emission);
    logLikelihood += o.logLikelihood;
    records += o.records;
    sequences += o.sequences;
    return this;
  }

  @Override
  public void writeJson(ObjectNode into) {
    into.put("logLikelihood", logLikelihood);
    into.put("records", records);
    into.put("sequences", sequences);
    StatisticsJson.putVector(into, "start", start);
    var rows = into.putArray("transitions");
    int k = start.length;
    for (int i = 0; i < k; i++) {
      var row = rows.addArray();
      for (int j = 0; j < k; j++) {
        row.add(transitions[i * k + j]);
      }
    }
    emission.writeJson(into.putObject("emission"));
  }

  /** Statistics of k states as {@link #writeJson} wrote them, around {@code emission} read by its family. */
  static HmmStats readJson(JsonNode node, int k, MixtureStats emission) {
    HmmStats s = new HmmStats(k, emission);
    s.logLikelihood = StatisticsJson.number(node, "logLikelihood");
    s.records = count(node, "records");
    s.sequences = count(node, "sequences");
    System.arraycopy(StatisticsJson.vector(node, "start", k), 0, s.start, 0, k);
    JsonNode rows = StatisticsJson.array(node, "transitions", k);
    for (int i = 0; i < k; i++) {
      System.arraycopy(StatisticsJson.values(rows.get(i), "transitions[" + i + "]", k), 0, s.transitions, i * k, k);
    }
    return s;
  }

  private static long count(JsonNode node, String field) {
    JsonNode n = node.path(field);
    if (!n.canConvertToLong() || n.asLong() < 0) {
      throw new UserError("statistics: '" + field + "' must be a count >= 0");
    }
    return n.asLong();
  }

  @Override
  public double logLikelihood() {
    return logLikelihood;
  }

  @Override
  public double totalWeight() {
    return records;
  }

  @Override
  public long records() {
    return records;
  }
}
