package io.sparkem.family.gaussian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.MixtureStats;
import io.sparkem.core.StatisticsJson;
import io.sparkem.math.DenseGaussianKernel;
import io.sparkem.math.SharedTileKernel;

/**
 * Σ r, Σ r·(x − c_j) and Σ r·(x − c_j)(x − c_j)ᵀ per component j, where c_j is the component's mean
 * in the θ of the pass: centring on it keeps the sums small when the data sit far from the origin.
 *
 * <p>JSON form, per component: {@code centre} c_j (d), {@code first} Σ r·(x − c_j) (d) and
 * {@code moment} Σ r·(x − c_j)(x − c_j)ᵀ in the covariance type's layout: full and tied the lower
 * triangle row by row (d(d+1)/2 values), diag the diagonal (d), spherical the trace (1).
 */
public final class GaussianStats extends MixtureStats {

  private static final long serialVersionUID = 1L;

  final CovarianceShape shape;
  /** c_j, k × d: the centres the sums are taken around (shared, never written). */
  final double[][] centres;
  /** Σ r·(x − c_j), k × d. */
  final double[][] first;
  /** Σ r·(x − c_j)(x − c_j)ᵀ in the shape's layout, k × momentWidth(d). */
  final double[][] moment;
  /** Scratch space of the dense kernel: one per statistics object, that is per task; never shipped. */
  private transient DenseGaussianKernel.Workspace workspace;
  /** The transposed block when E-steps share it ({@link #addDenseJointly}); per task, never shipped. */
  private transient SharedTileKernel.Tiles tiles;

  GaussianStats(CovarianceShape shape, double[][] centres) {
    super(centres.length);
    int k = centres.length;
    int d = centres[0].length;
    this.shape = shape;
    this.centres = centres;
    this.first = new double[k][d];
    this.moment = new double[k][shape.momentWidth(d)];
  }

  @Override
  protected void addBlock(Block block, double[] resp) {
    int k = k();
    int d = block.dim();
    double[] y = new double[d];
    double[] x = block.x();
    for (int i = 0; i < block.rows(); i++) {
      for (int j = 0; j < k; j++) {
        double r = resp[i * k + j];
        if (r == 0) {
          continue;
        }
        double[] c = centres[j];
        double[] s1 = first[j];
        for (int a = 0; a < d; a++) {
          y[a] = x[i * d + a] - c[a];
          s1[a] += r * y[a];
        }
        shape.addMoment(moment[j], r, y, d);
      }
    }
  }

  /** Runs the dense kernel over one block and adds its statistics (the whole E-step of the block). */
  void addDense(DenseGaussianKernel kernel, Block block) {
    workspace(kernel).sink(collectsDensities() ? (ld, w, m) -> noteLogDensities(ld, w, 0, m) : null);
    addTotals(kernel.accumulate(block.rows(), block.x(), block.w(), workspace, componentWeight, first, moment),
        block);
  }

  /**
   * {@link #addDense} of every kernel f into stats f, one block transposition shared by all (none
   * of the stats collects log-densities); bit for bit the same statistics.
   */
  static void addDenseJointly(DenseGaussianKernel[] kernels, GaussianStats[] stats, Block block) {
    int n = kernels.length;
    DenseGaussianKernel.Workspace[] ws = new DenseGaussianKernel.Workspace[n];
    double[][] weights = new double[n][];
    double[][][] firsts = new double[n][][];
    double[][][] moments = new double[n][][];
    for (int f = 0; f < n; f++) {
      ws[f] = stats[f].workspace(kernels[f]);
      ws[f].sink(null);
      weights[f] = stats[f].componentWeight;
      firsts[f] = stats[f].first;
      moments[f] = stats[f].moment;
    }
    if (stats[0].tiles == null) {
      stats[0].tiles = new SharedTileKernel.Tiles();
    }
    double[] ll = SharedTileKernel.accumulate(kernels, block.rows(), block.x(), block.w(), stats[0].tiles, ws,
        weights, firsts, moments);
    for (int f = 0; f < n; f++) {
      stats[f].addTotals(ll[f], block);
    }
  }

  private DenseGaussianKernel.Workspace workspace(DenseGaussianKernel kernel) {
    if (workspace == null || !workspace.fits(kernel)) {
      workspace = kernel.newWorkspace();
    }
    return workspace;
  }

  private void addTotals(double blockLogLikelihood, Block block) {
    logLikelihood += blockLogLikelihood;
    totalWeight += block.totalWeight();
    records += block.rows();
  }

  /** Adds one incomplete row's share of the totals: w·log p(x_o) (given log p(x_o)), its weight w, one record. */
  void addIncompleteTotals(double logDensity, double w) {
    noteLogDensity(logDensity, w);
    double weightedLogLikelihood = w == 0 ? 0 : w * logDensity;
    logLikelihood += weightedLogLikelihood;
    totalWeight += w;
    records++;
  }

  /**
   * Adds one incomplete row to component j ({@link IncompleteRows}): r to Σ r, r·y to S₁ and
   * r·(y yᵀ + C) to the moment, where y = x̂ − c_j (missing coordinates at their conditional
   * mean) and C ({@code cond}, m × m over the coordinates {@code missing}) the conditional covariance.
   */
  void addFilled(int j, double r, double[] y, double[] cond, int[] missing) {
    int d = y.length;
    componentWeight[j] += r;
    double[] s1 = first[j];
    for (int a = 0; a < d; a++) {
      s1[a] += r * y[a];
    }
    shape.addMoment(moment[j], r, y, d);
    shape.addConditional(moment[j], r, cond, missing, d);
  }

  /** Adds rows with given w·r (one-hot for a hard clustering), counting Σ r as well. */
  void addHard(Block block, double[] resp) {
    int k = k();
    for (int i = 0; i < block.rows(); i++) {
      for (int j = 0; j < k; j++) {
        componentWeight[j] += resp[i * k + j];
      }
    }
    addBlock(block, resp);
  }

  /** Forgets component j's sums, so the M-step treats it as empty. */
  void clear(int j) {
    componentWeight[j] = 0;
    java.util.Arrays.fill(first[j], 0);
    java.util.Arrays.fill(moment[j], 0);
  }

  @Override
  protected void writeComponent(int j, ObjectNode component) {
    StatisticsJson.putVector(component, "centre", centres[j]);
    StatisticsJson.putVector(component, "first", first[j]);
    StatisticsJson.putVector(component, "moment", moment[j]);
  }

  /** Reads S₁ and the moment; the centres were read first, to make this zero ({@link #centresOf}). */
  @Override
  protected void readComponent(int j, JsonNode component) {
    System.arraycopy(StatisticsJson.vector(component, "first", first[j].length), 0, first[j], 0, first[j].length);
    System.arraycopy(StatisticsJson.vector(component, "moment", moment[j].length), 0, moment[j], 0,
        moment[j].length);
  }

  /** The centres c_j (k × d) of statistics in JSON form, to build the zero they are read into. */
  static double[][] centresOf(JsonNode node, int k, int d) {
    JsonNode comps = StatisticsJson.array(node, "components", k);
    double[][] c = new double[k][];
    for (int j = 0; j < k; j++) {
      c[j] = StatisticsJson.vector(comps.get(j), "centre", d);
    }
    return c;
  }

  @Override
  protected void scaleFamily(double factor) {
    for (int j = 0; j < k(); j++) {
      for (int a = 0; a < first[j].length; a++) {
        first[j][a] *= factor;
      }
      for (int a = 0; a < moment[j].length; a++) {
        moment[j][a] *= factor;
      }
    }
  }

  /**
   * Statistics of one pass share its centres and add up as they are. Those of different passes
   * (stepwise EM blends them) are first moved to this object's centres: with e = c' − c, N = Σ r
   * and S₁, S₂ taken around c', the sums around c are S₁ + N e and
   * S₂ + S₁eᵀ + eS₁ᵀ + N eeᵀ = S₂ + N (e + S₁/N)(e + S₁/N)ᵀ − S₁S₁ᵀ/N, in any moment layout.
   */
  @Override
  protected void mergeFamily(MixtureStats other) {
    GaussianStats o = (GaussianStats) other;
    for (int j = 0; j < k(); j++) {
      if (o.centres[j] != centres[j] && !java.util.Arrays.equals(o.centres[j], centres[j])
          && o.componentWeight(j) > 0) {
        int d = centres[j].length;
        double n = o.componentWeight(j);
        double[] shifted = new double[d];
        for (int a = 0; a < d; a++) {
          double e = o.centres[j][a] - centres[j][a];
          shifted[a] = e + o.first[j][a] / n;
          first[j][a] += o.first[j][a] + n * e;
        }
        add(moment[j], o.moment[j]);
        shape.addMoment(moment[j], n, shifted, d);
        shape.addMoment(moment[j], -1 / n, o.first[j].clone(), d);
        continue;
      }
      add(first[j], o.first[j]);
      add(moment[j], o.moment[j]);
    }
  }

  private static void add(double[] into, double[] from) {
    for (int a = 0; a < into.length; a++) {
      into[a] += from[a];
    }
  }
}
