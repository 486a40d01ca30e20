package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.LocalStatisticsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test data and θ comparisons for Gaussian mixtures. Data are drawn here with {@link
 * SplittableRandom} from hand-written parameters (x = μ + L z with a given lower factor L), never
 * with the project's own generator.
 */
public final class GaussianFixtures {

  private GaussianFixtures() {}

  /** The full-covariance family with the given reg_covar and free weights. */
  public static GaussianFamily family(double regCovar) {
    return new GaussianFamily(new FullCovariance(), regCovar, false);
  }

  /** A full-covariance θ; {@code covariances[j]} is row-major d × d. */
  public static GaussianMixture theta(double[] weights, double[][] means, double[][] covariances) {
    return new GaussianMixture(new FullCovariance(), weights, means, covariances);
  }

  /** The d × d identity, row-major. */
  public static double[] identity(int d) {
    double[] m = new double[d * d];
    for (int a = 0; a < d; a++) {
      m[a * d + a] = 1;
    }
    return m;
  }

  /**
   * n rows from the mixture (weights, means, lower factors): the component of each row is drawn
   * by its weight, then x = μ_j + L_j z with z ~ N(0, I). {@code lowers[j]} is row-major d × d.
   */
  public static double[][] draw(SplittableRandom rng, int n, double[] weights, double[][] means,
      double[][] lowers) {
    int d = means[0].length;
    double[][] rows = new double[n][d];
    double[] z = new double[d];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      int j = 0;
      while (j < weights.length - 1 && u >= weights[j]) {
        u -= weights[j++];
      }
      for (int a = 0; a < d; a++) {
        z[a] = rng.nextGaussian();
      }
      for (int a = 0; a < d; a++) {
        double v = means[j][a];
        for (int b = 0; b <= a; b++) {
          v += lowers[j][a * d + b] * z[b];
        }
        rows[i][a] = v;
      }
    }
    return rows;
  }

  /**
   * Three overlapping components in d dimensions: means 0, 2·e₁ and 2·e₂ (distance 2 with unit-ish
   * spreads), the second component correlated, weights 0.5 / 0.3 / 0.2.
   */
  public static double[][] overlapping(SplittableRandom rng, int n, int d) {
    double[][] means = new double[3][d];
    means[1][0] = 2;
    means[2][1] = 2;
    double[][] lowers = {identity(d), identity(d), identity(d)};
    for (int a = 1; a < d; a++) {
      lowers[1][a * d + a - 1] = 0.6; // correlation between neighbouring features
    }
    for (int a = 0; a < d; a++) {
      lowers[2][a * d + a] = 0.5;
    }
    return draw(rng, n, new double[] {0.5, 0.3, 0.2}, means, lowers);
  }

  /** Unit-weight rows split into {@code parts} contiguous blocks of near-equal size. */
  public static List<Block> split(double[][] rows, double[] weights, int parts) {
    int d = rows[0].length;
    List<Block> blocks = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) rows.length * p / parts);
      int to = (int) ((long) rows.length * (p + 1) / parts);
      double[] x = new double[(to - from) * d];
      double[] w = new double[to - from];
      for (int i = from; i < to; i++) {
        System.arraycopy(rows[i], 0, x, (i - from) * d, d);
        w[i - from] = weights == null ? 1.0 : weights[i];
      }
      blocks.add(new Block(to - from, d, x, w));
    }
    return blocks;
  }

  /** Unit-weight rows as a source of {@code parts} blocks. */
  public static LocalStatisticsSource source(double[][] rows, int parts) {
    return new LocalStatisticsSource(split(rows, null, parts));
  }

  /** Weights, means and covariances of a and b agree to {@code tol} (absolute), component by component. */
  public static void assertSameTheta(GaussianMixture a, GaussianMixture b, double tol) {
    assertThat(a.k()).isEqualTo(b.k());
    assertThat(a.weights()).containsExactly(b.weights(), within(tol));
    for (int j = 0; j < a.k(); j++) {
      assertThat(a.means()[j]).as("mean %d", j).containsExactly(b.means()[j], within(tol));
      assertThat(a.fullCovariance(j)).as("covariance %d", j)
          .containsExactly(b.fullCovariance(j), within(tol));
    }
  }
}
