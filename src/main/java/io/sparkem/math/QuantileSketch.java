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
 * appended to an exact buffer; a full buffer of 8m values is sorted and <em>reduced</em> to m values
 * of equal weight u = W/m — the values found at cumulative weights (i + ½)·u, i = 0..m−1 — and
 * carried into a binary counter of summaries: two summaries of generation h are merged and
 * reduced again to m values, making one summary of generation h + 1. A reduction moves every rank
 * by at most u/2 = W/(2m): the summary's rank of v becomes u·round(R(v)/u). A merge adds the errors
 * of its parts. So a summary that went through h reductions has an absolute rank error of at most
 * h·W/(2m), and a quantile read from all summaries of a stream of total weight W (plus the exact
 * buffer) is one whose true weighted rank lies within ε·W of the requested one, with
 * ε = (Σ errors)/W ≤ H/(2m), H the most reductions any value went through: H ≤ log2(n/8m) + 2 for
 * n unit-weight values in one stream (merging sketches adds at most one per halving of their number).
 * The sketch tracks Σ errors exactly ({@link #errorBound}), so the bound reported is the one that
 * holds for this stream, not a worst case.
 *
 * <p>With m = {@value #DEFAULT_SIZE}: ε ≤ 0.001 up to H = 32, i.e. for any stream of up to
 * m·2³¹ ≈ 3.5·10¹³ unit-weight values, whatever the number of partitions merged. Memory: the buffer
 * of 8m and at most one summary of ≤ m values per generation, 16 bytes per value; a task ships
 * its buffer sorted, reduced first when it holds more than m. Cost per value: an append and its
 * share of a linear radix sort of the buffer ({@link PairSort}); the first reduction, a strided
 * read for equal weights, leaves the merges an eighth of the values.
 *
 * <p>Mutable only while it is filled, like the statistics it travels in; {@link #merge} leaves its
 * argument unchanged (summaries, once built, are never modified and may be shared).
 *
 * <p>Longer than 300 lines: the buffer, its reduction and the merge of summaries are one algorithm
 * whose invariants (weights, ranks, the error bound) only read true side by side.
 */
public final class QuantileSketch implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Values per summary, m. */
  public static final int DEFAULT_SIZE = 1 << 14;
  /** The exact buffer holds this many summaries' worth of values (8m): one reduction per 8m values. */
  private static final int BUFFER_FACTOR = 8;

  private final int size;
  /**
   * The exact buffer: unsorted values and their weights, {@code filled} of them, up to 8m; allocated
   * at full size on the first value, and serialised only up to {@code filled} ({@link #writeObject}).
   */
  private transient double[] values = new double[0];
  private transient double[] weights = new double[0];
  private int filled;
  /** Whether the buffer's {@code filled} values are in ascending order (a sketch shipped from a task). */
  private boolean bufferSorted;
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
    addAll(new double[] {value}, new double[] {weight}, 0, 1);
  }

  /**
   * Adds {@code v[from..from+n)} with the weights {@code w[from..from+n)} (each ≥ 0 and finite; a
   * value of weight 0 is counted but has no rank): the bulk form E-steps use, one call per tile.
   */
  public void addAll(double[] v, double[] w, int from, int n) {
    if (values.length < BUFFER_FACTOR * size) {
      values = new double[BUFFER_FACTOR * size];
      weights = new double[BUFFER_FACTOR * size];
    }
    for (int i = from; i < from + n; i++) {
      double weight = w[i];
      double value = v[i];
      if (!(weight >= 0) || weight == Double.POSITIVE_INFINITY || value != value) {
        throw new IllegalArgumentException("a quantile sketch takes numbers with finite weights >= 0, got "
            + value + " with weight " + weight);
      }
      if (weight == 0) {
        continue;
      }
      values[filled] = value;
      weights[filled++] = weight;
      bufferSorted = false;
      totalWeight += weight;
      if (filled == values.length) {
        flush();
      }
    }
    count += n;
  }

  /**
   * Ships the buffer sorted (a task sorts its own, in parallel with the others, so the driver only
   * merges) and only as far as it is filled.
   */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    if (filled > size) {
      flush(); // more than a summary's worth: ship it reduced, as a full buffer would be
    }
    PairSort.sort(values, weights, filled);
    bufferSorted = true;
    out.defaultWriteObject();
    out.writeObject(Arrays.copyOf(values, filled));
    out.writeObject(Arrays.copyOf(weights, filled));
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    values = Arrays.copyOf((double[]) in.readObject(), BUFFER_FACTOR * size);
    weights = Arrays.copyOf((double[]) in.readObject(), BUFFER_FACTOR * size);
  }

  /** Adds {@code other}'s values into this one and returns this; {@code other} is not changed. */
  public QuantileSketch merge(QuantileSketch other) {
    for (int h = 0; h < other.generations.size(); h++) {
      if (other.generations.get(h) != null) {
        carry(other.generations.get(h), h);
      }
    }
    if (other.filled > 0) {
      // The other's buffer joins as an exact summary: merged (and reduced only past m), never re-sorted
      // here when it arrived sorted from a task.
      double[] v = Arrays.copyOf(other.values, other.filled);
      double[] w = Arrays.copyOf(other.weights, other.filled);
      if (!other.bufferSorted) {
        PairSort.sort(v, w, other.filled);
      }
      carry(Summary.of(v, w, other.filled, 0), 0);
    }
    count += other.count;
    totalWeight += other.totalWeight;
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

  /**
   * Sorts the full buffer (8m values) in place, reduces it to m values of equal weight (one
   * reduction: the summaries then carry an eighth of the values through every later merge),
   * carries that into the generations and empties the buffer.
   */
  private void flush() {
    PairSort.sort(values, weights, filled);
    Summary reduced = Summary.reduceSorted(values, weights, filled, size);
    filled = 0;
    carry(reduced, 0);
  }

  /** Binary-counter carry: merge with the summary of generation h while there is one, reducing each merge. */
  private void carry(Summary summary, int h) {
    Summary s = summary;
    int g = h;
    while (g < generations.size() && generations.get(g) != null) {
      s = Summary.mergeReduced(generations.get(g), s, size);
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

    /** No values. */
    static final Summary EMPTY = new Summary(new double[0], new double[0], 0, 0, 0);

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

    /**
     * The sorted values {@code v[0..n)} (weights {@code w}, error 0) as a summary of at most m values:
     * themselves when n ≤ m; else the values at cumulative weights (i + ½)·u, u = W/m, error u/2 —
     * for equal weights simply the values at ranks ⌈(i + ½)·n/m⌉, one read each.
     */
    static Summary reduceSorted(double[] v, double[] w, int n, int m) {
      if (n <= m) {
        return of(Arrays.copyOf(v, n), Arrays.copyOf(w, n), n, 0);
      }
      boolean uniform = true;
      double total = 0;
      for (int i = 0; i < n; i++) {
        uniform &= w[i] == w[0];
        total += w[i];
      }
      double u = total / m;
      double[] rv = new double[m];
      double[] rw = new double[m];
      if (uniform) {
        for (int i = 0; i < m; i++) {
          // The first index j with (j + 1)·w ≥ (i + ½)·u: j = ⌈(2i + 1)·n / 2m⌉ − 1, in integers.
          rv[i] = v[(int) (((2L * i + 1) * n + 2L * m - 1) / (2L * m)) - 1];
          rw[i] = u;
        }
      } else {
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
      }
      Summary s = of(rv, rw, m, u / 2);
      return new Summary(s.v, s.w, s.n, total, s.error);
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
     * The union of two summaries with at most {@code m} values: their merge when it holds no more;
     * else, in one walk of both without building the merge, the values at cumulative weights
     * (i + ½)·u of the union, u = W/m, each of weight u (equal neighbours pooled), with the errors
     * of both plus u/2.
     */
    static Summary mergeReduced(Summary a, Summary b, int m) {
      if (a.n + b.n <= m) {
        return merge(a, b);
      }
      double total = a.weight + b.weight;
      double u = total / m;
      double[] rv = new double[m];
      double[] rw = new double[m];
      int out = 0;
      int emitted = 0;
      double cumulative = 0;
      double target = 0.5 * u;
      int i = 0;
      int j = 0;
      double value = 0;
      while (emitted < m && (i < a.n || j < b.n)) {
        if (j >= b.n || (i < a.n && a.v[i] <= b.v[j])) {
          value = a.v[i];
          cumulative += a.w[i++];
        } else {
          value = b.v[j];
          cumulative += b.w[j++];
        }
        while (emitted < m && cumulative >= target) {
          if (out > 0 && rv[out - 1] == value) {
            rw[out - 1] += u;
          } else {
            rv[out] = value;
            rw[out++] = u;
          }
          emitted++;
          target = (emitted + 0.5) * u;
        }
      }
      for (; emitted < m; emitted++) { // rounding left the last target a hair above the total
        rw[out - 1] += u;
      }
      return new Summary(rv, rw, out, total, a.error + b.error + u / 2);
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
