package io.sparkem.spark;

import io.sparkem.core.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * Grouped sequences as the E-step reads them: each sequence sorted by its order column and its
 * values laid out as block rows (categorical symbols one-hot), whole sequences packed into cached
 * {@link Block}s with {@link Block#sequenceOffsets()} — or, for prediction, one block per sequence.
 */
final class SequenceBlocks {

  private SequenceBlocks() {}

  /**
   * The block rows of sequence {@code b} in the order {@code order} (its records sorted by the order
   * column): {@code order.length × plan.blockWidth()} values, a symbol's index as a one-hot row.
   */
  static double[] rows(SequenceBuffer b, int[] order, SequencePlan plan) {
    int width = plan.blockWidth();
    int in = plan.bufferWidth();
    boolean oneHot = plan.columns().categorical();
    double[] x = new double[order.length * width];
    for (int t = 0; t < order.length; t++) {
      if (oneHot) {
        x[t * width + (int) b.x[order[t]]] = 1;
      } else {
        System.arraycopy(b.x, order[t] * in, x, t * width, width);
      }
    }
    return x;
  }

  /** Packs a partition's whole sequences into blocks of about {@link BlockBuilder#blockRows} rows. */
  static Iterator<Block> pack(Iterator<Tuple2<String, SequenceBuffer>> it, SequencePlan plan,
      boolean dropDuplicates) {
    int width = plan.blockWidth();
    int target = BlockBuilder.blockRows(width);
    List<Block> blocks = new ArrayList<>();
    List<double[]> pendingX = new ArrayList<>();
    List<Integer> pendingLength = new ArrayList<>();
    int pendingRows = 0;
    long skipped = 0;
    for (SequenceBuffer b : SequenceGrouping.sortedSequences(it)) {
      if (b.key == null) {
        skipped += b.skipped;
        continue;
      }
      int[] order = b.sortedByOrder(dropDuplicates);
      skipped += b.skipped;
      double[] x = rows(b, order, plan);
      if (pendingRows > 0 && pendingRows + order.length > target) {
        blocks.add(block(pendingX, pendingLength, pendingRows, width, skipped));
        skipped = 0;
        pendingX.clear();
        pendingLength.clear();
        pendingRows = 0;
      }
      pendingX.add(x);
      pendingLength.add(order.length);
      pendingRows += order.length;
    }
    if (pendingRows > 0 || skipped > 0) {
      blocks.add(block(pendingX, pendingLength, pendingRows, width, skipped));
    }
    return blocks.iterator();
  }

  private static Block block(List<double[]> xs, List<Integer> lengths, int rows, int width, long skipped) {
    double[] x = new double[rows * width];
    double[] w = new double[rows];
    Arrays.fill(w, 1.0);
    int[] offsets = new int[lengths.size() + 1];
    for (int s = 0; s < lengths.size(); s++) {
      System.arraycopy(xs.get(s), 0, x, offsets[s] * width, lengths.get(s) * width);
      offsets[s + 1] = offsets[s] + lengths.get(s);
    }
    return new Block(rows, width, x, w, skipped, offsets);
  }
}
