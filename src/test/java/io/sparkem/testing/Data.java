package io.sparkem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small data sets written as real files for the CLI tests. */
public final class Data {

  private Data() {}

  /**
   * n rows from two well-separated 2-D Gaussians (centres (0,0) and (10,10), unit variance), as
   * CSV with header "x,y" (and "w" when weighted).
   */
  public static List<double[]> twoBlobs(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double c = i % 2 == 0 ? 0 : 10;
      rows.add(new double[] {c + rng.nextGaussian(), c + rng.nextGaussian()});
    }
    return rows;
  }

  public static Path csv(Path file, String header, List<double[]> rows) {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (double[] r : rows) {
      for (int a = 0; a < r.length; a++) {
        sb.append(a == 0 ? "" : ",").append(r[a]);
      }
      sb.append('\n');
    }
    return write(file, sb.toString());
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each cell of {@code rows} made NaN (missing) with probability {@code p}, never a whole row. */
  public static double[][] withMissingCells(double[][] rows, double p, SplittableRandom rng) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
      int kept = out[i].length;
      for (int a = 0; a < out[i].length; a++) {
        if (kept > 1 && rng.nextDouble() < p) {
          out[i][a] = Double.NaN;
          kept--;
        }
      }
    }
    return out;
  }
}
