package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.Sampling;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.SufficientStats;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

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
    Broadcast<ArrayList<EStep>> shared = jsc.broadcast(new ArrayList<>(steps));
    try {
      int n = steps.size();
      if (data.blocks().getNumPartitions() > ORDERED_MERGE_LIMIT) {
        JavaRDD<Block> blocks = subset.isAll() ? data.blocks()
            : data.blocks().mapPartitionsWithIndex((p, it) -> chosen(p, it, subset), true);
        return treeAggregate(blocks, shared, n);
      }
      // Few partitions: bring each partition's statistics to the driver and merge them in
      // partition order. Floating-point sums then do not depend on which task finished first,
      // so the same data and partitioning give bit-for-bit the same model.
      Object parts = jsc.sc().runJob(data.blocks().rdd(), new PartitionFold(shared, subset), STATS_TAG);
      ArrayList<SufficientStats> total = zeros(steps);
      for (Object part : (Object[]) parts) {
        @SuppressWarnings("unchecked")
        List<SufficientStats> stats = (List<SufficientStats>) part;
        for (int i = 0; i < n; i++) {
          total.get(i).merge(stats.get(i));
        }
      }
      return total;
    } finally {
      shared.destroy();
    }
  }

  /** Above this many partitions the driver would merge too many results: a tree does it. */
  static final int ORDERED_MERGE_LIMIT = 256;

  private static final ClassTag<ArrayList<SufficientStats>> STATS_TAG = ClassTag$.MODULE$.apply(ArrayList.class);

  /**
   * One task of a pass: every E-step over the blocks of its partition that the subset keeps.
   *
   * <p>A named class rather than {@code mapPartitions(…).collect()}: Spark's closure cleaner
   * inspects every Scala lambda a job is given — {@code collect} and {@code mapPartitions} wrap the
   * function in two, defined in {@code SparkContext}, {@code RDD} and {@code JavaRDDLike} — by
   * re-reading and parsing those classes' bytecode on every job. Profiled at n = 10⁵ (JFR, local[2]),
   * that took ~45% of the driver thread's time and 7–10 ms of every pass; a class that is not a
   * lambda is only checked to be serialisable.
   */
  private static final class PartitionFold
      extends AbstractFunction2<TaskContext, scala.collection.Iterator<Block>, ArrayList<SufficientStats>>
      implements Serializable {

    private static final long serialVersionUID = 1L;
    private final Broadcast<ArrayList<EStep>> shared;
    private final MiniBatch.BlockSubset subset;

    PartitionFold(Broadcast<ArrayList<EStep>> shared, MiniBatch.BlockSubset subset) {
      this.shared = shared;
      this.subset = subset;
    }

    @Override
    public ArrayList<SufficientStats> apply(TaskContext task, scala.collection.Iterator<Block> blocks) {
      List<EStep> steps = shared.value();
      ArrayList<SufficientStats> acc = zeros(steps);
      int partition = task.partitionId();
      for (int i = 0; blocks.hasNext(); i++) {
        Block b = blocks.next();
        if (subset.keeps(partition, i)) {
          EStep.accumulateAll(steps, b, acc);
        }
      }
      return acc;
    }
  }

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
