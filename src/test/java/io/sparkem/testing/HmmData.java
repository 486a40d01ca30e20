package io.sparkem.testing;

import io.sparkem.core.Block;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sequences from a Gaussian hidden Markov model with k states in d dimensions: state j emits
 * N(μ_j, σ_j² I) with μ_j = 4·j in every coordinate plus a small per-coordinate offset and σ_j =
 * 1 + 0.25·j; the chain stays with probability 0.9 and otherwise moves to another state uniformly;
 * it starts uniformly. Written as CSV "seq,t,x1..xd" (header first).
 */
public final class HmmData {

  private HmmData() {}

  /** The true θ of the generator. */
  public record Truth(double[] start, double[][] transitions, double[][] means, double[] sd) {

    public int k() {
      return start.length;
    }

    public int d() {
      return means[0].length;
    }
  }

  public static Truth truth(int k, int d) {
    double[] start = new double[k];
    double[][] a = new double[k][k];
    double[][] means = new double[k][d];
    double[] sd = new double[k];
    for (int i = 0; i < k; i++) {
      start[i] = 1.0 / k;
      for (int j = 0; j < k; j++) {
        a[i][j] = k == 1 ? 1 : i == j ? 0.9 : 0.1 / (k - 1);
      }
      for (int c = 0; c < d; c++) {
        means[i][c] = 4.0 * i + 0.5 * c;
      }
      sd[i] = 1 + 0.25 * i;
    }
    return new Truth(start, a, means, sd);
  }

  /** x[s][t][c] of {@code sequences} sequences of {@code length} steps; states into {@code states} if not null. */
  public static double[][][] draw(Truth truth, int sequences, int length, long seed, int[][] states) {
    SplittableRandom rng = new SplittableRandom(seed);
    int k = truth.k();
    int d = truth.d();
    double[][][] x = new double[sequences][length][d];
    for (int s = 0; s < sequences; s++) {
      int state = pick(truth.start(), rng);
      for (int t = 0; t < length; t++) {
        if (t > 0) {
          state = pick(truth.transitions()[state], rng);
        }
        if (states != null) {
          states[s][t] = state;
        }
        for (int c = 0; c < d; c++) {
          x[s][t][c] = truth.means()[state][c] + truth.sd()[state] * rng.nextGaussian();
        }
      }
    }
    return x;
  }

  private static int pick(double[] p, SplittableRandom rng) {
    double u = rng.nextDouble();
    for (int j = 0; j < p.length - 1; j++) {
      u -= p[j];
      if (u < 0) {
        return j;
      }
    }
    return p.length - 1;
  }

  /**
   * Writes {@code x} as CSV "seq,t,x1..xd", sequence by sequence (or, with {@code shuffle}, the
   * rows in an order drawn from {@code shuffle}'s seed: a random permutation of all rows).
   */
  public static Path csv(Path file, double[][][] x, Long shuffle) {
    int sequences = x.length;
    int length = x[0].length;
    int d = x[0][0].length;
    int n = sequences * length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (shuffle != null) {
      SplittableRandom rng = new SplittableRandom(shuffle);
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        StringBuilder header = new StringBuilder("seq,t");
        for (int c = 1; c <= d; c++) {
          header.append(",x").append(c);
        }
        w.write(header.append('\n').toString());
        StringBuilder line = new StringBuilder();
        for (int i : order) {
          int s = i / length;
          int t = i % length;
          line.setLength(0);
          line.append('s').append(s).append(',').append(t);
          for (int c = 0; c < d; c++) {
            line.append(',').append((float) x[s][t][c]);
          }
          w.write(line.append('\n').toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Header names x1..xd. */
  public static String[] features(int d) {
    String[] f = new String[d];
    for (int c = 0; c < d; c++) {
      f[c] = "x" + (c + 1);
    }
    return f;
  }

  /** Blocks of whole sequences, {@code perBlock} sequences each. */
  public static List<Block> blocks(double[][][] x, int perBlock) {
    int d = x[0][0].length;
    List<Block> out = new ArrayList<>();
    for (int from = 0; from < x.length; from += perBlock) {
      int to = Math.min(x.length, from + perBlock);
      int rows = 0;
      for (int s = from; s < to; s++) {
        rows += x[s].length;
      }
      double[] flat = new double[rows * d];
      double[] w = new double[rows];
      Arrays.fill(w, 1.0);
      int[] offsets = new int[to - from + 1];
      int r = 0;
      for (int s = from; s < to; s++) {
        offsets[s - from] = r;
        for (double[] row : x[s]) {
          System.arraycopy(row, 0, flat, r * d, d);
          r++;
        }
      }
      offsets[to - from] = r;
      out.add(Block.ofSequences(d, flat, w, offsets));
    }
    return out;
  }
}
