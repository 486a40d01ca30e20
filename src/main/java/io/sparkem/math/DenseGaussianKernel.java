package io.sparkem.math;

import java.io.Serializable;

/**
 * The E-step and statistics of a full-covariance Gaussian mixture over a dense block, in one pass
 * over the block and without allocation.
 *
 * <p>For rows x_i (weight w_i) and components j with mean μ_j, Cholesky factor Σ_j = L_j L_jᵀ and
 * constant c_j = log π_j − ½(d·log 2π + log det Σ_j):
 * <pre>
 *   y_ij = x_i − μ_j,   z_ij = L_j⁻¹ y_ij (forward substitution),   l_ij = c_j − ½‖z_ij‖²
 *   lse_i = log Σ_j exp(l_ij),   r_ij = w_i · exp(l_ij − lse_i)
 *   N_j += Σ_i r_ij,   S1_j += Σ_i r_ij y_ij,   S2_j += Σ_i r_ij y_ij y_ijᵀ  (packed lower triangle)
 * </pre>
 * and returns Σ_i w_i·lse_i (rows of weight 0 add nothing). The sums are centred on μ_j, so that
 * data far from the origin lose no precision (Bishop 2006, §9.2.2 for the M-step they feed).
 *
 * <p>Rows are taken in tiles of {@link Workspace#tile()} rows, transposed to feature-major order, so
 * that every inner loop runs across rows: the whitening is a sequence of vector FMAs against the
 * scalars of L_j, the log-sum-exp across components is lane-wise, and S2 is accumulated as
 * {@code acc[a][b] += (r∘y_a)·y_b} in per-lane accumulators that are reduced once per block. That
 * is the shape of a BLAS-3 update (Yᵀ diag(r) Y), done in registers instead of through a
 * d × d GEMM call, which at d ≤ 32 spends more time in call overhead and packing than in arithmetic.
 *
 * <p>Two implementations give the same numbers to rounding: one on the JDK's vector API (used when
 * the JVM runs with {@code --add-modules=jdk.incubator.vector}, as Spark 4 starts every JVM) and a
 * plain-Java one. The system property {@code sparkem.kernel=scalar} forces the plain one.
 *
 * <p>Immutable and shared by concurrent tasks; all mutable state is in a {@link Workspace}, one per
 * task (or thread). Several θ over the same block share its transposition in
 * {@link SharedTileKernel}.
 *
 * <p>Longer than 300 lines: the kernel, its per-task workspace (whose layout both implementations
 * and {@link SharedTileKernel} read) and the choice of implementation are one contract.
 */
public final class DenseGaussianKernel implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** Which implementation runs: "vector" or "scalar". */
  public static final String IMPLEMENTATION = Impl.INSTANCE.name();

  final int k;
  final int d;
  /** μ, k × d. */
  final double[][] means;
  /** L_j, k × (d × d) row-major lower triangles. */
  final double[][] lower;
  /** 1 / L_j[a][a], k × d. */
  final double[][] inverseDiagonal;
  /** c_j = log π_j − ½(d·log 2π + log det Σ_j), length k; −∞ for a component of weight 0. */
  final double[] constant;

  private DenseGaussianKernel(double[][] means, double[][] lower, double[] constant) {
    this.k = means.length;
    this.d = means[0].length;
    this.means = means;
    this.lower = lower;
    this.constant = constant;
    this.inverseDiagonal = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        inverseDiagonal[j][a] = 1.0 / lower[j][a * d + a];
      }
    }
  }

  /**
   * The kernel of one θ.
   *
   * @param weights π, length k (0 allowed)
   * @param means   μ, k × d (kept, not copied: the caller must not modify it)
   * @param factors the Cholesky factor of each Σ_j
   */
  public static DenseGaussianKernel of(double[] weights, double[][] means, Cholesky[] factors) {
    int k = weights.length;
    int d = means[0].length;
    double[][] lower = new double[k][];
    double[] constant = new double[k];
    for (int j = 0; j < k; j++) {
      lower[j] = factors[j].lower();
      constant[j] = Math.log(weights[j]) - 0.5 * (d * LOG_2PI + factors[j].logDeterminant());
    }
    return new DenseGaussianKernel(means, lower, constant);
  }

  public int k() {
    return k;
  }

  public int dimension() {
    return d;
  }

  /** A workspace for this kernel's shape (k, d); reusable across blocks and across θ of that shape. */
  public Workspace newWorkspace() {
    return new Workspace(k, d, Impl.INSTANCE.lanes(), Impl.INSTANCE.tile());
  }

  /**
   * Runs the E-step over {@code rows} rows and adds their statistics.
   *
   * @param x      features, {@code rows × d} row-major
   * @param w      weights, length ≥ rows, each ≥ 0
   * @param ws     a workspace from {@link #newWorkspace()} (any kernel of the same k and d)
   * @param n      Σ r per component, length k (added to)
   * @param first  Σ r·y per component, k × d (added to)
   * @param moment Σ r·y yᵀ per component, k × d(d+1)/2 packed lower triangle, row by row (added to)
   * @return Σ_i w_i log p(x_i)
   * @throws IllegalStateException when a row has no finite likelihood under any component
   */
  public double accumulate(int rows, double[] x, double[] w, Workspace ws, double[] n,
      double[][] first, double[][] moment) {
    if (ws.k != k || ws.d != d) {
      throw new IllegalArgumentException("workspace of k=" + ws.k + ", d=" + ws.d + " for k=" + k + ", d=" + d);
    }
    if (rows == 0) {
      return 0;
    }
    return Impl.INSTANCE.accumulate(this, rows, x, w, ws, n, first, moment);
  }

  /**
   * Σ w_i·lse_i over the first m rows of a tile (rows of weight 0 add nothing); shared by the dense
   * kernels.
   *
   * @throws IllegalStateException when a row has no finite likelihood under any component
   */
  static double tileLogLikelihood(double[] lse, double[] wt, int m) {
    double ll = 0;
    for (int i = 0; i < m; i++) {
      double v = lse[i];
      if (!(v > Double.NEGATIVE_INFINITY) || v == Double.POSITIVE_INFINITY) {
        throw new IllegalStateException(
            "a record has no finite likelihood under any component (log-sum-exp = " + v + ")");
      }
      if (wt[i] != 0) {
        ll += wt[i] * v;
      }
    }
    return ll;
  }

  /**
   * Rows [start, start+m) of x (row-major, d per row) into a feature-major tile of {@code tile} rows
   * at {@code xt[xtAt + a·tile + i]}, weights at {@code wt[wtAt + i]}; the tile's remaining rows repeat
   * the last real row with weight 0, so that they are finite and contribute nothing. A full tile is
   * copied eight rows at a time (eight independent strided loads per feature), a third faster than
   * row by row at d = 10; shared by {@link Workspace#loadTile} and {@link SharedTileKernel}.
   */
  static void transposeTile(double[] x, double[] w, int start, int m, int d, int tile, double[] xt, int xtAt,
      double[] wt, int wtAt) {
    if (m == tile && (tile & 7) == 0) {
      for (int i = 0; i < tile; i += 8) {
        int s = (start + i) * d;
        for (int a = 0; a < d; a++, s++) {
          int at = xtAt + a * tile + i;
          xt[at] = x[s];
          xt[at + 1] = x[s + d];
          xt[at + 2] = x[s + 2 * d];
          xt[at + 3] = x[s + 3 * d];
          xt[at + 4] = x[s + 4 * d];
          xt[at + 5] = x[s + 5 * d];
          xt[at + 6] = x[s + 6 * d];
          xt[at + 7] = x[s + 7 * d];
        }
      }
      System.arraycopy(w, start, wt, wtAt, tile);
      return;
    }
    for (int i = 0; i < tile; i++) {
      int src = (start + Math.min(i, m - 1)) * d;
      for (int a = 0; a < d; a++) {
        xt[xtAt + a * tile + i] = x[src + a];
      }
      wt[wtAt + i] = i < m ? w[start + i] : 0.0;
    }
  }

  /** The implementation this JVM uses, chosen once. */
  abstract static class Impl {
    static final Impl INSTANCE = choose();

    abstract String name();

    /** Accumulator lanes per statistic. */
    abstract int lanes();

    /** Rows per tile, a multiple of {@link #lanes()}. */
    abstract int tile();

    /**
     * One tile already in {@code ws} (x transposed, weights): its log-densities, responsibilities
     * and statistics into the per-lane accumulators; returns the tile's Σ w_i·lse_i over its m real
     * rows.
     */
    abstract double tile(DenseGaussianKernel kern, Workspace ws, int m);

    /** The E-step over rows [0, rows) of x, tile by tile, into the caller's statistics. */
    final double accumulate(DenseGaussianKernel kern, int rows, double[] x, double[] w,
        Workspace ws, double[] n, double[][] first, double[][] moment) {
      double ll = 0;
      for (int start = 0; start < rows; start += ws.tile) {
        int m = Math.min(ws.tile, rows - start);
        ws.loadTile(x, w, start, m);
        ll += tile(kern, ws, m);
      }
      ws.flush(n, first, moment);
      return ll;
    }

    private static Impl choose() {
      if ("scalar".equals(System.getProperty("sparkem.kernel"))) {
        return new ScalarGaussianKernel();
      }
      try {
        Impl v = VectorGaussianKernel.create();
        if (v != null) {
          return v;
        }
      } catch (LinkageError e) {
        // jdk.incubator.vector is not in this JVM's module graph: the plain loops do the same work.
      }
      return new ScalarGaussianKernel();
    }
  }

  /** Receives the log-densities and weights of a tile's real rows ({@link Workspace#sink}). */
  @FunctionalInterface
  public interface RowSink {
    /** Rows {@code 0..rows)} of {@code logDensity} and {@code weight}; read them before returning. */
    void rows(double[] logDensity, double[] weight, int rows);
  }

  /**
   * Mutable scratch space of one task: a transposed tile of rows, its log-densities and
   * responsibilities, and per-lane accumulators. Never serialised.
   */
  public static final class Workspace {
    final int k;
    final int d;
    final int lanes;
    /** Rows per tile. */
    final int tile;
    final int packed;
    /** x of the tile, feature-major: d × tile. */
    final double[] xt;
    /** y or z of one component, feature-major: d × tile. */
    final double[] yt;
    /** Weights of the tile (0 for padding). */
    final double[] wt;
    /** l_ij, then r_ij: k × tile. */
    final double[] resp;
    /** log-sum-exp per row of the tile. */
    final double[] lse;
    /** Per-lane Σ r: k × lanes. */
    final double[] accN;
    /** Per-lane Σ r·y: k × d × lanes. */
    final double[] accFirst;
    /** Per-lane Σ r·y yᵀ: k × packed × lanes. */
    final double[] accMoment;
    /** Receives every real row's log-density and weight, when set (a pass that collects them). */
    private RowSink sink;

    Workspace(int k, int d, int lanes, int tile) {
      this.k = k;
      this.d = d;
      this.lanes = lanes;
      this.tile = tile;
      this.packed = d * (d + 1) / 2;
      this.xt = new double[d * tile];
      this.yt = new double[d * tile];
      this.wt = new double[tile];
      this.resp = new double[k * tile];
      this.lse = new double[tile];
      this.accN = new double[k * lanes];
      this.accFirst = new double[k * d * lanes];
      this.accMoment = new double[k * packed * lanes];
    }

    /** Rows per tile. */
    public int tile() {
      return tile;
    }

    /**
     * Hands every tile's log p(x_i) = lse_i and weights w_i to {@code sink} from now on (null: to no
     * one), in row order, as the kernel computes them; the statistics are unchanged.
     */
    public void sink(RowSink sink) {
      this.sink = sink;
    }

    /** Whether this workspace serves a kernel of k components in d dimensions. */
    public boolean fits(DenseGaussianKernel kernel) {
      return kernel.k == k && kernel.d == d && Impl.INSTANCE.lanes() == lanes;
    }

    /**
     * Copies rows [start, start+m) into the feature-major tile; the tile's remaining rows repeat
     * the last real row with weight 0, so that they are finite and contribute nothing.
     */
    void loadTile(double[] x, double[] w, int start, int m) {
      transposeTile(x, w, start, m, d, tile, xt, 0, wt, 0);
    }

    /** Copies tile t of {@link SharedTileKernel}'s transposed block into this workspace's tile. */
    void loadTransposed(double[] blockXt, double[] blockWt, int t) {
      System.arraycopy(blockXt, t * d * tile, xt, 0, d * tile);
      System.arraycopy(blockWt, t * tile, wt, 0, tile);
    }

    /**
     * Checks the tile's log-sum-exps and returns Σ w_i·lse_i over its m real rows.
     *
     * @throws IllegalStateException when a row has no finite likelihood under any component
     */
    double tileLogLikelihood(int m) {
      double ll = DenseGaussianKernel.tileLogLikelihood(lse, wt, m);
      if (sink != null) {
        sink.rows(lse, wt, m);
      }
      return ll;
    }

    /** Adds the per-lane accumulators into the caller's statistics and clears them. */
    void flush(double[] n, double[][] first, double[][] moment) {
      for (int j = 0; j < k; j++) {
        n[j] += reduce(accN, j * lanes);
        for (int a = 0; a < d; a++) {
          first[j][a] += reduce(accFirst, (j * d + a) * lanes);
        }
        for (int p = 0; p < packed; p++) {
          moment[j][p] += reduce(accMoment, (j * packed + p) * lanes);
        }
      }
      java.util.Arrays.fill(accN, 0);
      java.util.Arrays.fill(accFirst, 0);
      java.util.Arrays.fill(accMoment, 0);
    }

    private double reduce(double[] acc, int from) {
      double s = 0;
      for (int l = 0; l < lanes; l++) {
        s += acc[from + l];
      }
      return s;
    }
  }
}
