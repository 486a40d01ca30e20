package io.sparkem.math;

import java.io.Serializable;

/**
 * The E-step and statistics of a mixture of linear regressions over a dense block, in one pass over
 * the block and without allocation.
 *
 * <p>A block row is (x_1, …, x_d, y); x̃ = (1, x) with an intercept, x̃ = x without, p its length.
 * For components j with coefficients β_j (length p), variance σ_j² and constant
 * c_j = log π_j − ½ log(2π σ_j²):
 * <pre>
 *   e_ij = y_i − x̃_iᵀβ_j,   l_ij = c_j − e_ij² / (2σ_j²)
 *   lse_i = log Σ_j exp(l_ij),   r_ij = w_i · exp(l_ij − lse_i)
 *   N_j += Σ_i r_ij,   M_j += Σ_i r_ij u_ij u_ijᵀ  with u_ij = (x̃_i, e_ij)  (packed lower triangle)
 * </pre>
 * and returns Σ_i w_i·lse_i. M_j holds, in one (p+1)(p+2)/2 array, the weighted Gram matrix
 * X̃ᵀR_jX̃ (rows 0..p−1), the cross products X̃ᵀR_j e_j and e_jᵀR_j e_j (row p): the statistics of
 * component j's weighted least squares, taken in the <em>residual frame</em> of β_j (y replaced by
 * its residual under the θ of the pass), so that the residual sum of squares of the next M-step is
 * a difference of small numbers, not of Σ r y² and the fitted part of it.
 *
 * <p>Tiles, lanes and the choice between the vector-API and plain implementations are those of
 * {@link DenseGaussianKernel} (the same responsibilities code; {@code sparkem.kernel=scalar} forces
 * the plain one): rows are transposed to feature-major order so that every inner loop runs across
 * rows, and M_j is accumulated as {@code acc[a][b] += (r∘u_a)·u_b} in per-lane accumulators reduced
 * once per block.
 *
 * <p>Immutable and shared by concurrent tasks; all mutable state is in a {@link Workspace}.
 */
public final class DenseRegressionKernel implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** Which implementation runs: "vector…" or "scalar", as the Gaussian kernel's. */
  public static final String IMPLEMENTATION = Impl.INSTANCE.name();

  final int k;
  /** Covariates per row (the row holds d + 1 values, y last). */
  final int d;
  /** Coefficients per component: d + 1 with an intercept, else d. */
  final int p;
  final boolean intercept;
  /** β, k × p. */
  final double[][] beta;
  /** c_j = log π_j − ½ log(2π σ_j²); −∞ for a component of weight 0. */
  final double[] constant;
  /** 1 / (2σ_j²). */
  final double[] halfPrecision;

  private DenseRegressionKernel(double[][] beta, double[] constant, double[] halfPrecision, boolean intercept) {
    this.k = beta.length;
    this.p = beta[0].length;
    this.d = p - (intercept ? 1 : 0);
    this.intercept = intercept;
    this.beta = beta;
    this.constant = constant;
    this.halfPrecision = halfPrecision;
  }

  /**
   * The kernel of one θ.
   *
   * @param weights      π, length k (0 allowed)
   * @param coefficients β, k × p, intercept first when {@code intercept} (kept, not copied)
   * @param variances    σ², length k, each &gt; 0
   */
  public static DenseRegressionKernel of(double[] weights, double[][] coefficients, double[] variances,
      boolean intercept) {
    int k = weights.length;
    double[] constant = new double[k];
    double[] half = new double[k];
    for (int j = 0; j < k; j++) {
      constant[j] = Math.log(weights[j]) - 0.5 * (LOG_2PI + Math.log(variances[j]));
      half[j] = 0.5 / variances[j];
    }
    return new DenseRegressionKernel(coefficients, constant, half, intercept);
  }

  public int k() {
    return k;
  }

  /** Coefficients per component, p. */
  public int terms() {
    return p;
  }

  /** Length of one component's packed statistics: (p+1)(p+2)/2. */
  public static int packedLength(int p) {
    return (p + 1) * (p + 2) / 2;
  }

  /** A workspace for this kernel's shape (k, p, intercept); reusable across blocks and θ of that shape. */
  public Workspace newWorkspace() {
    return new Workspace(k, p, intercept, Impl.INSTANCE.lanes(), Impl.INSTANCE.tile());
  }

  /**
   * Runs the E-step over {@code rows} rows and adds their statistics.
   *
   * @param x      rows × (d + 1) row-major: the covariates, then y
   * @param w      weights, length ≥ rows, each ≥ 0
   * @param ws     a workspace from {@link #newWorkspace()} (any kernel of the same shape)
   * @param n      Σ r per component, length k (added to)
   * @param moment Σ r u uᵀ per component, k × (p+1)(p+2)/2 packed lower triangle row by row (added to)
   * @return Σ_i w_i log p(y_i | x_i)
   * @throws IllegalStateException when a row has no finite likelihood under any component
   */
  public double accumulate(int rows, double[] x, double[] w, Workspace ws, double[] n, double[][] moment) {
    if (!ws.fits(this)) {
      throw new IllegalArgumentException("workspace of k=" + ws.k + ", p=" + ws.p + " for k=" + k + ", p=" + p);
    }
    if (rows == 0) {
      return 0;
    }
    return Impl.INSTANCE.accumulate(this, rows, x, w, ws, n, moment);
  }

  /**
   * The implementation this JVM uses, chosen once, as the Gaussian kernel's. The tile loop is
   * shared; an implementation supplies the three steps of a tile.
   */
  abstract static class Impl {
    static final Impl INSTANCE = DenseGaussianKernel.IMPLEMENTATION.startsWith("vector")
        ? VectorRegressionKernel.create() : new ScalarRegressionKernel();

    private final String name;
    private final int lanes;
    private final int tile;

    /**
     * @param lanes accumulator lanes per statistic
     * @param tile  rows per tile, a multiple of {@code lanes}
     */
    Impl(String name, int lanes, int tile) {
      this.name = name;
      this.lanes = lanes;
      this.tile = tile;
    }

    String name() {
      return name;
    }

    int lanes() {
      return lanes;
    }

    int tile() {
      return tile;
    }

    /** e[j][·] = y − x̃ᵀβ_j and resp[j][·] = c_j − e²/(2σ_j²) across the tile. */
    abstract void logDensities(DenseRegressionKernel kern, int j, Workspace ws);

    /** Per row of the tile: lse = log Σ_j exp(l_j), resp[j] = w·exp(l_j − lse). */
    abstract void responsibilities(int k, Workspace ws);

    /** N_j += Σ r and M_j += Σ r u uᵀ (packed), u = (x̃, e_j), into the per-lane accumulators. */
    abstract void addStatistics(DenseRegressionKernel kern, int j, Workspace ws);

    final double accumulate(DenseRegressionKernel kern, int rows, double[] x, double[] w, Workspace ws,
        double[] n, double[][] moment) {
      double ll = 0;
      for (int start = 0; start < rows; start += tile) {
        int m = Math.min(tile, rows - start);
        ws.loadTile(x, w, start, m);
        for (int j = 0; j < kern.k; j++) {
          logDensities(kern, j, ws);
        }
        responsibilities(kern.k, ws);
        ll += ws.tileLogLikelihood(m);
        for (int j = 0; j < kern.k; j++) {
          addStatistics(kern, j, ws);
        }
      }
      ws.flush(n, moment);
      return ll;
    }
  }

  /**
   * Mutable scratch space of one task: a transposed tile of rows, the residuals, log-densities and
   * responsibilities of every component, and per-lane accumulators. Never serialised.
   */
  public static final class Workspace {
    final int k;
    final int p;
    final boolean intercept;
    final int lanes;
    final int tile;
    final int packed;
    /** x̃ of the tile, feature-major: p × tile (row 0 all ones with an intercept). */
    final double[] xt;
    /** y of the tile. */
    final double[] yt;
    /** Weights of the tile (0 for padding). */
    final double[] wt;
    /** e_ij, k × tile. */
    final double[] et;
    /** l_ij, then r_ij: k × tile. */
    final double[] resp;
    final double[] lse;
    /** Per-lane Σ r: k × lanes. */
    final double[] accN;
    /** Per-lane Σ r u uᵀ: k × packed × lanes. */
    final double[] accMoment;
    /** Receives every real row's log p(y | x) and weight, when set (a pass that collects them). */
    private DenseGaussianKernel.RowSink sink;

    Workspace(int k, int p, boolean intercept, int lanes, int tile) {
      this.k = k;
      this.p = p;
      this.intercept = intercept;
      this.lanes = lanes;
      this.tile = tile;
      this.packed = packedLength(p);
      this.xt = new double[p * tile];
      this.yt = new double[tile];
      this.wt = new double[tile];
      this.et = new double[k * tile];
      this.resp = new double[k * tile];
      this.lse = new double[tile];
      this.accN = new double[k * lanes];
      this.accMoment = new double[k * packed * lanes];
      if (intercept) {
        java.util.Arrays.fill(xt, 0, tile, 1.0);
      }
    }

    /**
     * Hands every tile's log p(y_i | x_i) = lse_i and weights w_i to {@code sink} from now on (null:
     * to no one), in row order, as the kernel computes them; the statistics are unchanged.
     */
    public void sink(DenseGaussianKernel.RowSink sink) {
      this.sink = sink;
    }

    /** Whether this workspace serves {@code kernel}. */
    public boolean fits(DenseRegressionKernel kernel) {
      return kernel.k == k && kernel.p == p && kernel.intercept == intercept && Impl.INSTANCE.lanes() == lanes;
    }

    /**
     * Copies rows [start, start+m) into the feature-major tile; the tile's remaining rows repeat
     * the last real row with weight 0, so that they are finite and contribute nothing.
     */
    void loadTile(double[] x, double[] w, int start, int m) {
      int width = p + (intercept ? 0 : 1);
      int first = intercept ? 1 : 0;
      int d = p - first;
      for (int i = 0; i < tile; i++) {
        int src = (start + Math.min(i, m - 1)) * width;
        for (int a = 0; a < d; a++) {
          xt[(first + a) * tile + i] = x[src + a];
        }
        yt[i] = x[src + d];
        wt[i] = i < m ? w[start + i] : 0.0;
      }
    }

    /** Σ w_i·lse_i over the tile's m real rows; see {@link DenseGaussianKernel#tileLogLikelihood}. */
    double tileLogLikelihood(int m) {
      double ll = DenseGaussianKernel.tileLogLikelihood(lse, wt, m);
      if (sink != null) {
        sink.rows(lse, wt, m);
      }
      return ll;
    }

    /** Adds the per-lane accumulators into the caller's statistics and clears them. */
    void flush(double[] n, double[][] moment) {
      for (int j = 0; j < k; j++) {
        n[j] += reduce(accN, j * lanes);
        for (int q = 0; q < packed; q++) {
          moment[j][q] += reduce(accMoment, (j * packed + q) * lanes);
        }
      }
      java.util.Arrays.fill(accN, 0);
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
