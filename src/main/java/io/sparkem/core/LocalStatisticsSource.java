package io.sparkem.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An in-memory data set: a list of blocks, each block playing the part of a Spark partition.
 * Used by unit tests and by small local work (initialisation samples); it runs exactly the same
 * E-steps and merges as the Spark source.
 */
public final class LocalStatisticsSource implements StatisticsSource {

  private final List<Block> blocks;
  private final int dim;

  public LocalStatisticsSource(List<Block> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no blocks");
    }
    this.blocks = List.copyOf(blocks);
    this.dim = blocks.get(0).dim();
  }

  public static LocalStatisticsSource of(Block... blocks) {
    return new LocalStatisticsSource(Arrays.asList(blocks));
  }

  public List<Block> blocks() {
    return blocks;
  }

  @Override
  public List<SufficientStats> pass(List<? extends EStep> steps) {
    return pass(steps, MiniBatch.BlockSubset.ALL);
  }

  /** Block b plays partition b, index 0, for {@code subset}. */
  @Override
  public List<SufficientStats> pass(List<? extends EStep> steps, MiniBatch.BlockSubset subset) {
    // One zero per "partition", merged afterwards, as treeAggregate would.
    List<SufficientStats> out = new ArrayList<>();
    for (EStep step : steps) {
      out.add(step.zero());
    }
    for (int p = 0; p < blocks.size(); p++) {
      if (!subset.keeps(p, 0)) {
        continue;
      }
      List<SufficientStats> parts = new ArrayList<>();
      for (EStep step : steps) {
        parts.add(step.zero());
      }
      EStep.accumulateAll(steps, blocks.get(p), parts);
      for (int i = 0; i < parts.size(); i++) {
        out.get(i).merge(parts.get(i));
      }
    }
    return out;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public long records() {
    return blocks.stream().mapToLong(Block::rows).sum();
  }

  @Override
  public double totalWeight() {
    return blocks.stream().mapToDouble(Block::totalWeight).sum();
  }

  @Override
  public Block sample(int maxRows, long seed) {
    return Sampling.sample(blocks, records(), maxRows, seed);
  }

  @Override
  public int distinctRecords(int limit) {
    Set<List<Double>> seen = new HashSet<>();
    for (Block b : blocks) {
      Sampling.addDistinct(b, seen, limit);
      if (seen.size() >= limit) {
        return limit;
      }
    }
    return seen.size();
  }
}
