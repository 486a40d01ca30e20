package io.sparkem.math;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Weighted quantiles of a stream of numbers in bounded memory: deterministic, mergeable in any
 * order, and carrying a bound on its own rank error that it computes as it goes.
 *
 * <p>The method is merge-and-reduce over sorted weighted summaries (Manku, Rajagopalan &amp; Lindsay
 * 1998, "Approximate medians and other quantiles in one pass and with limited memory"; Agarwal et
 * al. 2012, "Mergeable summaries", §3), made deterministic and weighted. Values and weights are
 * appended to an exact buffer; a full buffer of m values is sorted into an exact {@link Summary}
 * (error 0) and carried into a binary counter of summaries: two summaries of generation h are
 * merged and, when the merge holds more than m values, <em>reduced</em> to m values of equal weight
 * u = W/m — the values found at cumulative weights (i + ½)·u, i = 0..m−1 — to make one summary of
 * generation h + 1. A reduction moves every rank by at most u/2 = W/(2m): the summary's rank of v
 * becomes u·round(R(v)/u). A merge adds the errors of its parts. So a summary of generation h has
 * an absolute rank error of at most h·W/(2m), and a quantile read from all summaries of a stream of
 * total weight W is one whose true weighted rank lies within ε·W of the requested one, with
 * ε = (Σ errors)/W ≤ H/(2m), H the highest generation: H ≤ log2(n/m) + 1 for n unit-weight values.
 * The sketch tracks Σ errors exactly ({@link #errorBound}), so the bound reported is the one that
 * holds for this stream, not a worst case.
 *
 * <p>With m = {@value #DEFAULT_SIZE}: ε ≤ 0.001 up to H = 32, i.e. for any stream of up to
 * m·2³¹ ≈ 3.5·10¹³ unit-weight values, whatever the number of partitions merged. Memory: the buffer
 * and at most one summary of ≤ m values per generation, 16 bytes per value. Cost per value: an
 * append, plus its share of sorting a full buffer (log2 m comparisons) and of the linear merges.
 *
 * <p>Mutable only while it is filled, like the statistics it travels in; {@link #merge} leaves its
 * argument unchanged (summaries, once built, are never modified and may be shared).
 */
public final class QuantileSketch implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Values per summary, m. */
  public static final int DEFAULT_SIZE = 1 << 14;

  private final int size;
  /** The exact buffer: unsorted values and their weights, {@code filled} of them. */
  private double[] values = new double[0];
  private double[] weights = new double[0];
  private int filled;
  /** generations.get(h): the summary of generation h, or null. */
  private final List<Summary> generations = new ArrayList<>();
  private double totalWeight;
  private long count;

  public QuantileSketch() {
    this(DEFAULT_SIZE);
  }

  /** A sketch whose summaries hold at most {@code size} values (≥ 2). */
  public QuantileSketch(int size) {
    if (size < 2) {
      throw new IllegalArgumentException("a quantile sketch needs size >= 2, got " + size);
    }
    this.size = size;
  }

  /** Adds {@code value} with {@code weight >= 0}; a value of weight 0 is counted but has no rank. */
  public void add(double value, double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight) || Double.isNaN(value)) {
      throw new IllegalArgumentException("a quantile sketch takes numbers with finite weights >= 0, got "
          + value + " with weight " + weight);
    }
    count++;
    if (weight == 0) {
      return;
    }
    if (filled == values.length) {
      int grown = Math.min(size, Math.max(1024, 2 * values.length));
      values = Arrays.copyOf(values, grown);
      weights = Arrays.copyOf(weights, grown);
    }
    values[filled] = value;
    weights[filled++] = weight;
    totalWeight += weight;
    if (filled == size) {
      flush();
    }
  }

  /** Adds {@code other}'s values into this one and returns this; {@code other} is not changed. */
  public QuantileSketch merge(QuantileSketch other) {
    for (int h = 0; h < other.generations.size(); h++) {
      if (other.generations.get(h) != null) {
        carry(other.generations.get(h), h);
      }
    }
    long before = count;
    double weightBefore = totalWeight;
    for (int i = 0; i < other.filled; i++) {
      add(other.values[i], other.weights[i]);
    }
    // add() counted the buffered values and their weight; the summaries' are added here.
    count = before + other.count;
    totalWeight = weightBefore + other.totalWeight;
    return this;
  }

  /** Number of values added (weight 0 included). */
  public long count() {
    return count;
  }

  /** Σ weights added. */
  public double weight() {
    return totalWeight;
  }

  /** The absolute rank error bound: Σ of the summaries' errors (the buffer is exact). */
  public double errorBound() {
    double e = 0;
    for (Summary s : generations) {
      if (s != null) {
        e += s.error;
      }
    }
    return e;
  }

  /** {@link #errorBound} / {@link #weight}: ε such that every quantile's rank is within ε of the level asked. */
  public double relativeErrorBound() {
    return totalWeight > 0 ? errorBound() / totalWeight : 0;
  }

  /**
   * The q-quantile for each {@code levels[i]} in [0, 1]: the smallest value v held whose rank in
   * the sketch is at least q·W. Its true weighted rank satisfies R(v) ≥ (q − ε)·W and
   * R(v⁻) ≤ (q + ε)·W (R(v⁻): the weight of the values below v), ε = {@link #relativeErrorBound}.
   *
   * @throws IllegalStateException when no value of positive weight was added
   */
  public double[] quantiles(double... levels) {
    if (!(totalWeight > 0)) {
      throw new IllegalStateException("no value of positive weight: no quantiles");
    }
    Summary all = exactBuffer();
    for (Summary s : generations) {
      if (s != null) {
        all = Summary.merge(all, s);
      }
    }
    double[] out = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      out[i] = all.quantile(levels[i] * all.weight);
    }
    return out;
  }

  /** The buffer, sorted, as an exact summary (generation 0). */
  private Summary exactBuffer() {
    double[] v = Arrays.copyOf(values, filled);
    double[] w = Arrays.copyOf(weights, filled);
    PairSort.sort(v, w, filled);
    return Summary.of(v, w, filled, 0);
  }

  /** Sorts the full buffer into an exact summary and carries it into the generations. */
  private void flush() {
    Summary exact = exactBuffer();
    filled = 0;
    carry(exact, 0);
  }

  /** Binary-counter carry: merge with the summary of generation h while there is one, reducing each merge. */
  private void carry(Summary summary, int h) {
    Summary s = summary;
    int g = h;
    while (g < generations.size() && generations.get(g) != null) {
      s = Summary.merge(generations.get(g), s).reduced(size);
      generations.set(g, null);
      g++;
    }
    while (generations.size() <= g) {
      generations.add(null);
    }
    generations.set(g, s);
  }

  /**
   * A sorted weighted summary: {@code n} values ascending (distinct), their weights, their total
   * and the absolute rank error it carries. Immutable.
   */
  static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] v;
    final double[] w;
    final int n;
    final double weight;
    final double error;

    private Summary(double[] v, double[] w, int n, double weight, double error) {
      this.v = v;
      this.w = w;
      this.n = n;
      this.weight = weight;
      this.error = error;
    }

    /** The summary of sorted values, equal neighbours pooled. */
    static Summary of(double[] v, double[] w, int n, double error) {
      int out = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += w[i];
        if (out > 0 && v[out - 1] == v[i]) {
          w[out - 1] += w[i];
        } else {
          v[out] = v[i];
          w[out++] = w[i];
        }
      }
      return new Summary(v, w, out, total, error);
    }

    /** The sorted union of two summaries; errors add. */
    static Summary merge(Summary a, Summary b) {
      double[] v = new double[a.n + b.n];
      double[] w = new double[a.n + b.n];
      int i = 0;
      int j = 0;
      int o = 0;
      while (i < a.n || j < b.n) {
        boolean fromA = j >= b.n || (i < a.n && a.v[i] <= b.v[j]);
        v[o] = fromA ? a.v[i] : b.v[j];
        w[o++] = fromA ? a.w[i++] : b.w[j++];
      }
      return of(v, w, o, a.error + b.error);
    }

    /**
     * At most {@code m} values: unchanged when it holds no more; else the values at cumulative
     * weights (i + ½)·u, u = W/m, each of weight u, with u/2 added to the error.
     */
    Summary reduced(int m) {
      if (n <= m) {
        return this;
      }
      double u = weight / m;
      double[] rv = new double[m];
      double[] rw = new double[m];
      int j = 0;
      double cumulative = w[0];
      for (int i = 0; i < m; i++) {
        double target = (i + 0.5) * u;
        while (cumulative < target && j + 1 < n) {
          cumulative += w[++j];
        }
        rv[i] = v[j];
        rw[i] = u;
      }
      Summary s = of(rv, rw, m, error + u / 2);
      return new Summary(s.v, s.w, s.n, weight, s.error); // W exactly, not m·u rounded
    }

    /** The smallest value whose cumulative weight reaches {@code rank} (the last value when none does). */
    double quantile(double rank) {
      double cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += w[i];
        if (cumulative >= rank) {
          return v[i];
        }
      }
      return v[n - 1];
    }
  }
}
