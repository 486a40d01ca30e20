package io.sparkem.math;

/**
 * Several θ of one dimension (restarts, or select's candidates of any k) over the same block: the
 * block is transposed into feature-major tiles once, then each θ's E-step runs over those tiles as
 * {@link DenseGaussianKernel#accumulate} would over the block. The tiles, the arithmetic and the
 * per-lane sums are the same, so every θ's statistics equal its own pass bit for bit; what is
 * shared is the transposition (a strided copy of every value, about a fifth of a single fit's
 * kernel time at d = 10) and the read of the block.
 *
 * <p>Each θ runs over the whole block before the next one, so its accumulators stay in the L1 cache;
 * the transposed block (8·rows·d bytes, at most 1 MB for blocks as cached) is read from L2.
 */
public final class SharedTileKernel {

  private SharedTileKernel() {}

  /** The transposed block of one task: tile t at {@code t·d·tile}, feature-major. Never shipped. */
  public static final class Tiles {
    private double[] xt = new double[0];
    private double[] wt = new double[0];
  }

  /**
   * Runs kernel f over {@code rows} rows of x into statistics f, for every f; the same as calling
   * {@code kernels[f].accumulate(rows, x, w, ws[f], n[f], first[f], moment[f])} one after another.
   *
   * @param kernels θ's kernels, all of one dimension d (any k)
   * @param tiles   scratch for the transposed block (one per task, reused)
   * @param ws      a workspace per kernel ({@link DenseGaussianKernel#newWorkspace()})
   * @return Σ_i w_i log p(x_i | θ_f) per kernel
   */
  public static double[] accumulate(DenseGaussianKernel[] kernels, int rows, double[] x, double[] w, Tiles tiles,
      DenseGaussianKernel.Workspace[] ws, double[][] n, double[][][] first, double[][][] moment) {
    int d = kernels[0].d;
    int tile = ws[0].tile;
    for (int f = 0; f < kernels.length; f++) {
      if (ws[f].k != kernels[f].k || ws[f].d != d || kernels[f].d != d || ws[f].tile != tile) {
        throw new IllegalArgumentException("workspace " + f + " does not fit its kernel or the others' dimension");
      }
    }
    double[] ll = new double[kernels.length];
    if (rows == 0) {
      return ll;
    }
    int count = (rows + tile - 1) / tile;
    transpose(x, w, rows, d, tile, count, tiles);
    DenseGaussianKernel.Impl impl = DenseGaussianKernel.Impl.INSTANCE;
    for (int f = 0; f < kernels.length; f++) {
      DenseGaussianKernel.Workspace wf = ws[f];
      for (int t = 0; t < count; t++) {
        wf.loadTransposed(tiles.xt, tiles.wt, t);
        ll[f] += impl.tile(kernels[f], wf, Math.min(tile, rows - t * tile));
      }
      wf.flush(n[f], first[f], moment[f]);
    }
    return ll;
  }

  /** Every tile as {@code Workspace.loadTile} makes it: padding rows repeat the last row, weight 0. */
  private static void transpose(double[] x, double[] w, int rows, int d, int tile, int count, Tiles tiles) {
    if (tiles.xt.length < count * d * tile) {
      tiles.xt = new double[count * d * tile];
      tiles.wt = new double[count * tile];
    }
    double[] xt = tiles.xt;
    double[] wt = tiles.wt;
    for (int t = 0; t < count; t++) {
      int start = t * tile;
      int m = Math.min(tile, rows - start);
      DenseGaussianKernel.transposeTile(x, w, start, m, d, tile, xt, t * d * tile, wt, start);
    }
  }
}
