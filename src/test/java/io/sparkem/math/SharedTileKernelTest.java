package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedTileKernel} against each kernel's own {@link DenseGaussianKernel#accumulate}: the
 * same bits for every θ (k = 1, 3, 5 and 8 in one call), over blocks whose row count is not a
 * multiple of the tile, a block of one row, and a larger block after a smaller one (the scratch
 * grows), with zero weights among the rows.
 */
class SharedTileKernelTest {

  private static DenseGaussianKernel kernel(int d, int k, SplittableRandom rng) {
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    Cholesky[] factors = new Cholesky[k];
    for (int j = 0; j < k; j++) {
      weights[j] = (1 + rng.nextDouble()) / (2 * k);
      double[] cov = new double[d * d];
      for (int a = 0; a < d; a++) {
        means[j][a] = 3 * rng.nextGaussian();
        cov[a * d + a] = 0.5 + rng.nextDouble();
        for (int b = 0; b < a; b++) {
          cov[a * d + b] = cov[b * d + a] = 0.2 * (rng.nextDouble() - 0.5) / d;
        }
      }
      factors[j] = Cholesky.of(cov, d).orElseThrow();
    }
    return DenseGaussianKernel.of(weights, means, factors);
  }

  @Test
  void everyThetaGetsTheBitsOfItsOwnPass() {
    int d = 7;
    int[] ks = {1, 3, 5, 8};
    SplittableRandom rng = new SplittableRandom(21);
    DenseGaussianKernel[] kernels = new DenseGaussianKernel[ks.length];
    for (int f = 0; f < ks.length; f++) {
      kernels[f] = kernel(d, ks[f], rng);
    }
    SharedTileKernel.Tiles tiles = new SharedTileKernel.Tiles();
    DenseGaussianKernel.Workspace[] shared = new DenseGaussianKernel.Workspace[ks.length];
    DenseGaussianKernel.Workspace[] alone = new DenseGaussianKernel.Workspace[ks.length];
    for (int f = 0; f < ks.length; f++) {
      shared[f] = kernels[f].newWorkspace();
      alone[f] = kernels[f].newWorkspace();
    }
    for (int rows : new int[] {1, 203, 64, 1000, 4097}) {
      double[] x = new double[rows * d];
      double[] w = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int a = 0; a < d; a++) {
          x[i * d + a] = 4 * rng.nextGaussian();
        }
        w[i] = rng.nextInt(7) == 0 ? 0 : rng.nextDouble() * 2;
      }
      double[][] n = new double[ks.length][];
      double[][][] first = new double[ks.length][][];
      double[][][] moment = new double[ks.length][][];
      for (int f = 0; f < ks.length; f++) {
        n[f] = new double[ks[f]];
        first[f] = new double[ks[f]][d];
        moment[f] = new double[ks[f]][d * (d + 1) / 2];
      }
      double[] ll = SharedTileKernel.accumulate(kernels, rows, x, w, tiles, shared, n, first, moment);
      for (int f = 0; f < ks.length; f++) {
        double[] n1 = new double[ks[f]];
        double[][] first1 = new double[ks[f]][d];
        double[][] moment1 = new double[ks[f]][d * (d + 1) / 2];
        double ll1 = kernels[f].accumulate(rows, x, w, alone[f], n1, first1, moment1);
        assertThat(Double.doubleToRawLongBits(ll[f])).as("ll of θ %d, %d rows", f, rows)
            .isEqualTo(Double.doubleToRawLongBits(ll1));
        assertThat(n[f]).isEqualTo(n1);
        assertThat(first[f]).isDeepEqualTo(first1);
        assertThat(moment[f]).isDeepEqualTo(moment1);
        assertThat(ll1).isNegative();
      }
    }
  }

  @Test
  void kernelsOfDifferentDimensionsAreRefused() {
    SplittableRandom rng = new SplittableRandom(22);
    DenseGaussianKernel a = kernel(3, 2, rng);
    DenseGaussianKernel b = kernel(4, 2, rng);
    assertThatThrownBy(() -> SharedTileKernel.accumulate(new DenseGaussianKernel[] {a, b}, 1, new double[4],
        new double[] {1}, new SharedTileKernel.Tiles(), new DenseGaussianKernel.Workspace[] {a.newWorkspace(),
            b.newWorkspace()}, new double[2][2], new double[2][2][4], new double[2][2][10]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
