package io.sparkem.init;

import io.sparkem.core.Block;
import io.sparkem.core.Family;
import io.sparkem.core.Model;
import io.sparkem.core.NearestCentre;
import io.sparkem.core.StatisticsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Starting points for {@code restarts} fits. All restarts work on one sample of at most
 * {@link #SAMPLE_ROWS} records drawn with {@code seed}; restart r draws its centres with the
 * generator {@code new SplittableRandom(seed + r)}, so each restart is reproducible on its own.
 */
public final class Initializer {

  /** Bound on the rows k-means++ and Lloyd see, so initialisation costs the same at any n. */
  public static final int SAMPLE_ROWS = 20_000;
  private static final int LLOYD_ITERATIONS = 20;

  private Initializer() {}

  public static <M extends Model> List<M> starts(Family<M> family, StatisticsSource data, int k,
      InitMethod method, int restarts, long seed) {
    Block sample = data.sample(Math.max(SAMPLE_ROWS, 50 * k), seed);
    List<M> starts = new ArrayList<>();
    for (int r = 0; r < restarts; r++) {
      SplittableRandom rng = new SplittableRandom(seed + r);
      starts.add(start(family, sample, k, method, rng));
    }
    return starts;
  }

  static <M extends Model> M start(Family<M> family, Block sample, int k, InitMethod method,
      SplittableRandom rng) {
    double[][] centres = switch (method) {
      case KMEANS_PLUS_PLUS -> KMeansPlusPlus.seed(sample, k, rng);
      case RANDOM -> randomRows(sample, k, rng);
    };
    if (method == InitMethod.RANDOM) {
      return family.fromCentres(sample, centres, rng);
    }
    double[][] refined = new double[k][];
    for (int j = 0; j < k; j++) {
      refined[j] = centres[j].clone();
    }
    int[] labels = KMeansPlusPlus.lloyd(sample, refined, LLOYD_ITERATIONS);
    if (!allUsed(labels, k)) {
      labels = NearestCentre.labels(sample, centres); // each seed is a sample row, nearest to itself
    }
    return family.fromClustering(sample, labels, k);
  }

  /** k distinct rows of the sample, uniformly at random among rows with positive weight. */
  private static double[][] randomRows(Block sample, int k, SplittableRandom rng) {
    double[][] centres = new double[k][];
    int found = 0;
    int[] order = new int[sample.rows()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = 0; i < order.length && found < k; i++) {
      int pick = i + rng.nextInt(order.length - i);
      int row = order[pick];
      order[pick] = order[i];
      order[i] = row;
      double[] x = java.util.Arrays.copyOfRange(sample.x(), row * sample.dim(), (row + 1) * sample.dim());
      boolean seen = false;
      for (int j = 0; j < found; j++) {
        seen |= java.util.Arrays.equals(centres[j], x);
      }
      if (!seen && sample.w()[row] > 0) {
        centres[found++] = x;
      }
    }
    if (found < k) {
      throw new IllegalStateException("the sample has fewer than k = " + k + " distinct rows");
    }
    return centres;
  }

  private static boolean allUsed(int[] labels, int k) {
    boolean[] used = new boolean[k];
    for (int l : labels) {
      used[l] = true;
    }
    for (boolean u : used) {
      if (!u) {
        return false;
      }
    }
    return true;
  }
}
