package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.Sampling;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.SufficientStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The distributed pass: broadcast the E-steps → each task folds its blocks into one statistics
 * object per E-step → {@code treeAggregate} merges them to the driver → the broadcast is destroyed.
 * One Spark job per pass, however many fits share it.
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
    Broadcast<ArrayList<EStep>> shared = jsc.broadcast(new ArrayList<>(steps));
    try {
      ArrayList<SufficientStats> zero = new ArrayList<>();
      for (EStep s : steps) {
        zero.add(s.zero());
      }
      return data.blocks().treeAggregate(zero,
          (acc, block) -> {
            List<EStep> es = shared.value();
            for (int i = 0; i < es.size(); i++) {
              es.get(i).accumulate(block, acc.get(i));
            }
            return acc;
          },
          (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
              a.get(i).merge(b.get(i));
            }
            return a;
          },
          depth(data.blocks().getNumPartitions()));
    } finally {
      shared.destroy();
    }
  }

  /** Plain aggregation for few partitions; a tree once the driver would merge too many results. */
  static int depth(int partitions) {
    return partitions <= 32 ? 1 : (int) Math.ceil(Math.log(partitions) / Math.log(32));
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
