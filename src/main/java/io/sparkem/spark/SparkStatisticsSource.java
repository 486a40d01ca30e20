package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.Sampling;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.SufficientStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The distributed pass: broadcast the E-steps → each task folds its blocks into one statistics
 * object per E-step → the partitions' statistics are merged to the driver in partition order
 * (a {@code treeAggregate} beyond {@link #ORDERED_MERGE_LIMIT} partitions) → the broadcast is
 * destroyed. One Spark job per pass, however many fits share it; E-steps that can share a block's
 * work run over it together ({@link EStep#accumulateAll}).
 */
public final class SparkStatisticsSource implements StatisticsSource {

  private final JavaSparkContext jsc;
  private final SparkData data;

  public SparkStatisticsSource(JavaSparkContext jsc, SparkData data) {
    this.jsc = jsc;
    this.data = data;
  }

  public SparkData data() {
    return data;
  }

  @Override
  public List<SufficientStats> pass(List<? extends EStep> steps) {
    return pass(steps, MiniBatch.BlockSubset.ALL);
  }

  /**
   * A pass over the blocks {@code subset} keeps: block i of partition p (in the cached order) is
   * read when {@code subset.keeps(p, i)}; the others are skipped inside the same task, without
   * running their E-step.
   */
  @Override
  public List<SufficientStats> pass(List<? extends EStep> steps, MiniBatch.BlockSubset subset) {
    JavaRDD<Block> blocks = subset.isAll() ? data.blocks()
        : data.blocks().mapPartitionsWithIndex((p, it) -> chosen(p, it, subset), true);
    Broadcast<ArrayList<EStep>> shared = jsc.broadcast(new ArrayList<>(steps));
    try {
      int n = steps.size();
      if (blocks.getNumPartitions() > ORDERED_MERGE_LIMIT) {
        return treeAggregate(blocks, shared, n);
      }
      // Few partitions: bring each partition's statistics to the driver and merge them in
      // partition order. Floating-point sums then do not depend on which task finished first,
      // so the same data and partitioning give bit-for-bit the same model.
      List<ArrayList<SufficientStats>> parts = blocks
          .mapPartitions((Iterator<Block> it) -> List.of(fold(shared.value(), it)).iterator())
          .collect();
      ArrayList<SufficientStats> total = zeros(steps);
      for (ArrayList<SufficientStats> part : parts) {
        for (int i = 0; i < n; i++) {
          total.get(i).merge(part.get(i));
        }
      }
      return total;
    } finally {
      shared.destroy();
    }
  }

  /** Above this many partitions the driver would merge too many results: a tree does it. */
  static final int ORDERED_MERGE_LIMIT = 256;

  /** The blocks of partition {@code p} that {@code subset} keeps, in order. */
  private static Iterator<Block> chosen(int p, Iterator<Block> it, MiniBatch.BlockSubset subset) {
    List<Block> kept = new ArrayList<>();
    for (int i = 0; it.hasNext(); i++) {
      Block b = it.next();
      if (subset.keeps(p, i)) {
        kept.add(b);
      }
    }
    return kept.iterator();
  }

  private List<SufficientStats> treeAggregate(JavaRDD<Block> blocks, Broadcast<ArrayList<EStep>> shared,
      int n) {
    return blocks.treeAggregate(zeros(shared.value()),
        (acc, block) -> {
          EStep.accumulateAll(shared.value(), block, acc);
          return acc;
        },
        (a, b) -> {
          for (int i = 0; i < n; i++) {
            a.get(i).merge(b.get(i));
          }
          return a;
        },
        depth(blocks.getNumPartitions()));
  }

  private static ArrayList<SufficientStats> zeros(List<? extends EStep> steps) {
    ArrayList<SufficientStats> zero = new ArrayList<>();
    for (EStep s : steps) {
      zero.add(s.zero());
    }
    return zero;
  }

  /** One task's statistics: every E-step over every block of the partition. */
  private static ArrayList<SufficientStats> fold(List<EStep> steps, Iterator<Block> blocks) {
    ArrayList<SufficientStats> acc = zeros(steps);
    while (blocks.hasNext()) {
      EStep.accumulateAll(steps, blocks.next(), acc);
    }
    return acc;
  }

  /** A tree deep enough that no node merges more than about 32 results. */
  static int depth(int partitions) {
    return Math.max(2, (int) Math.ceil(Math.log(partitions) / Math.log(32)));
  }

  @Override
  public int dimension() {
    return data.width();
  }

  @Override
  public long records() {
    return data.records();
  }

  @Override
  public double totalWeight() {
    return data.totalWeight();
  }

  @Override
  public Block sample(int maxRows, long seed) {
    double keep = Sampling.keepProbability(data.records(), maxRows);
    long[] first = data.firstRow();
    List<Block> parts = data.blocks().mapPartitionsWithIndex((p, it) -> {
      List<Block> kept = new ArrayList<>();
      long row = first[p];
      while (it.hasNext()) {
        Block b = it.next();
        kept.add(Sampling.keepRows(b, keep, seed, row));
        row += b.rows();
      }
      return kept.iterator();
    }, true).collect();
    return Sampling.concat(parts);
  }

  @Override
  public int distinctRecords(int limit) {
    List<HashSet<List<Double>>> perPartition = data.blocks().mapPartitions((Iterator<Block> it) -> {
      HashSet<List<Double>> seen = new HashSet<>();
      while (it.hasNext() && seen.size() < limit) {
        Sampling.addDistinct(it.next(), seen, limit);
      }
      return List.of(seen).iterator();
    }).collect();
    Set<List<Double>> all = new HashSet<>();
    for (Set<List<Double>> s : perPartition) {
      all.addAll(s);
      if (all.size() >= limit) {
        return limit;
      }
    }
    return all.size();
  }
}
