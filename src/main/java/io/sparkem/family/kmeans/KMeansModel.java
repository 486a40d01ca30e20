package io.sparkem.family.kmeans;

import io.sparkem.family.ComponentMixture;

/**
 * θ of k-means.
 *
 * @param weights each cluster's share of the total weight at the last assignment, length k, summing
 *     to 1 (informative only: assignments do not depend on it)
 * @param means   the centres, k × d
 */
public record KMeansModel(double[] weights, double[][] means) implements ComponentMixture {

  private static final long serialVersionUID = 1L;

  public KMeansModel {
    if (weights.length == 0 || means.length != weights.length) {
      throw new IllegalArgumentException("weights and means must both have k >= 1 entries");
    }
    for (double[] m : means) {
      if (m.length != means[0].length || m.length == 0) {
        throw new IllegalArgumentException("every centre needs the same d >= 1 coordinates");
      }
    }
  }

  @Override
  public double[][] parameters() {
    return means;
  }

  @Override
  public int k() {
    return weights.length;
  }

  @Override
  public int dimension() {
    return means[0].length;
  }

  /** The k·d coordinates of the centres (the weights are not fitted parameters). */
  @Override
  public int freeParameters() {
    return k() * dimension();
  }
}
