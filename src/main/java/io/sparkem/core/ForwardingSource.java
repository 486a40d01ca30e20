package io.sparkem.core;

import java.util.List;

/**
 * A {@link StatisticsSource} that hands every call to another one: the base of sources that change
 * one thing about a data set (which rows initialisation samples, {@link CompleteRowsSample}; what a
 * benchmark or test counts and times) and keep the rest.
 */
public abstract class ForwardingSource implements StatisticsSource {

  /** The source every call goes to. */
  protected final StatisticsSource data;

  protected ForwardingSource(StatisticsSource data) {
    this.data = data;
  }

  @Override
  public List<SufficientStats> pass(List<? extends EStep> steps) {
    return data.pass(steps);
  }

  @Override
  public List<SufficientStats> pass(List<? extends EStep> steps, MiniBatch.BlockSubset subset) {
    return data.pass(steps, subset);
  }

  @Override
  public int dimension() {
    return data.dimension();
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
    return data.sample(maxRows, seed);
  }

  @Override
  public int distinctRecords(int limit) {
    return data.distinctRecords(limit);
  }
}
