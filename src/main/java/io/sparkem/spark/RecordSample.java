package io.sparkem.spark;

import io.sparkem.core.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bounded, seeded random sample of the cached records, for the report's scatter plot: each record
 * is kept with probability min(1, 1.5·max/records) by a generator seeded from the seed and its
 * partition — one cheap pass over the cached blocks, about 1.5·max rows to the driver — and, when
 * more than {@code max} come back, a seeded subset of {@code max} of them in their original order.
 * The same seed and partitioning give the same sample.
 */
public final class RecordSample {

  private RecordSample() {}

  /** Up to {@code max} rows of {@code data}, each {@code data.width()} values (the block row). */
  public static double[][] draw(SparkData data, int max, long seed) {
    if (max <= 0 || data.records() == 0) {
      return new double[0][];
    }
    double fraction = Math.min(1.0, 1.5 * max / (double) data.records());
    List<double[]> rows = data.blocks().mapPartitionsWithIndex((partition, blocks) -> {
      SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + partition);
      List<double[]> kept = new ArrayList<>();
      while (blocks.hasNext()) {
        Block b = blocks.next();
        for (int i = 0; i < b.rows(); i++) {
          if (fraction >= 1.0 || rng.nextDouble() < fraction) {
            double[] r = new double[b.dim()];
            System.arraycopy(b.x(), i * b.dim(), r, 0, b.dim());
            kept.add(r);
          }
        }
      }
      return kept.iterator();
    }, false).collect();
    if (rows.size() <= max) {
      return rows.toArray(double[][]::new);
    }
    // Keep max of them: a partial Fisher–Yates shuffle of the indices, then the original order.
    SplittableRandom rng = new SplittableRandom(seed);
    int[] index = new int[rows.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    for (int i = 0; i < max; i++) {
      int j = i + rng.nextInt(index.length - i);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    int[] chosen = java.util.Arrays.copyOf(index, max);
    java.util.Arrays.sort(chosen);
    double[][] out = new double[max][];
    for (int i = 0; i < max; i++) {
      out[i] = rows.get(chosen[i]);
    }
    return out;
  }
}
