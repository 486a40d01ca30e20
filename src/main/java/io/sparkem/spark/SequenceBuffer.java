package io.sparkem.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of one sequence gathered while grouping, in arrival order: order values, locations
 * (partition and row of the input, to name a record in an error), the encoded values ({@code width}
 * per record: the features, or a categorical symbol's index) and, for {@code predict}, the input
 * rows themselves. Serialised trimmed, as primitive arrays, so the one shuffle of the load moves
 * about (16 + 8·width) bytes per record. The buffer refuses to grow beyond {@code maxLength}.
 */
final class SequenceBuffer implements Serializable {

  private static final long serialVersionUID = 1L;

  final String key;
  final int width;
  private final int maxLength;
  int n;
  double[] order = new double[4];
  long[] location = new long[4];
  double[] x;
  /** predict: the input rows, else null. */
  List<Object> rows;
  /** Bad records dropped under --on-bad-record skip (carried by the partition's null-key buffer). */
  long skipped;

  SequenceBuffer(String key, int width, int maxLength, boolean keepRows) {
    this.key = key;
    this.width = width;
    this.maxLength = maxLength;
    this.x = new double[4 * width];
    this.rows = keepRows ? new ArrayList<>() : null;
  }

  SequenceBuffer add(double orderValue, long where, double[] values, Object row) {
    grow(n + 1);
    order[n] = orderValue;
    location[n] = where;
    System.arraycopy(values, 0, x, n * width, width);
    if (rows != null) {
      rows.add(row);
    }
    n++;
    return this;
  }

  SequenceBuffer merge(SequenceBuffer o) {
    grow(n + o.n);
    System.arraycopy(o.order, 0, order, n, o.n);
    System.arraycopy(o.location, 0, location, n, o.n);
    System.arraycopy(o.x, 0, x, n * width, o.n * width);
    if (rows != null) {
      rows.addAll(o.rows);
    }
    n += o.n;
    skipped += o.skipped;
    return this;
  }

  private void grow(int need) {
    if (key != null && need > maxLength) {
      throw new SequenceTooLongException(key, maxLength);
    }
    if (need > order.length) {
      int cap = (int) Math.min(Math.max(need, 2L * order.length), Integer.MAX_VALUE - 8);
      order = Arrays.copyOf(order, cap);
      location = Arrays.copyOf(location, cap);
      x = Arrays.copyOf(x, cap * width);
    }
  }

  /**
   * The record indices sorted by order value. A repeated value throws {@link DuplicateOrderException}
   * naming both records, or with {@code dropDuplicates} keeps the first of them (by input location)
   * and counts the others in {@link #skipped}.
   */
  int[] sortedByOrder(boolean dropDuplicates) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    // Ties broken by location, so that which duplicate is reported does not depend on arrival order.
    Arrays.sort(idx, (a, b) -> order[a] != order[b] ? Double.compare(order[a], order[b])
        : Long.compare(location[a], location[b]));
    int[] out = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m > 0 && order[idx[i]] == order[out[m - 1]]) {
        if (!dropDuplicates) {
          throw new DuplicateOrderException(key, order[idx[i]], location[out[m - 1]], location[idx[i]]);
        }
        skipped++;
        continue;
      }
      out[m++] = idx[i];
    }
    return m == n ? out : Arrays.copyOf(out, m);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    order = Arrays.copyOf(order, n);
    location = Arrays.copyOf(location, n);
    x = Arrays.copyOf(x, n * width);
    out.defaultWriteObject();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (order.length == 0) {
      order = new double[4];
      location = new long[4];
      x = new double[4 * width];
    }
  }

  /** The partition and row index of a record location. */
  static long location(int partition, long row) {
    return ((long) partition << 40) | row;
  }

  static int partitionOf(long location) {
    return (int) (location >>> 40);
  }

  static long rowOf(long location) {
    return location & ((1L << 40) - 1);
  }
}
