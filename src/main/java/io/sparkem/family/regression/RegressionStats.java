package io.sparkem.family.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.MixtureStats;
import io.sparkem.core.StatisticsJson;
import io.sparkem.math.DenseRegressionKernel;

/**
 * Sufficient statistics of a mixture of regressions: per component j, besides N_j = Σ_i w_i r_ij,
 * the packed lower triangle of M_j = Σ_i w_i r_ij u_ij u_ijᵀ with u_ij = (x̃_i, e_ij) and
 * e_ij = y_i − x̃_iᵀb_j, b_j the <em>reference</em> coefficients (component j's β in the θ of the
 * pass). Rows 0..p−1 of M_j are the weighted Gram matrix G_j = X̃ᵀR_jX̃, row p holds
 * h_j = X̃ᵀR_j e_j and q_j = e_jᵀR_j e_j: k·(p+1)(p+2)/2 doubles, whatever n.
 *
 * <p>Residuals around the current fit are small near convergence, so the M-step's residual sum of
 * squares q − 2δᵀh + δᵀGδ (with β' = b + δ) is computed from small numbers rather than as Σ r y²
 * minus a nearly equal fitted part (see {@link NormalEquations}). Statistics taken with other
 * references are moved to this object's before they are added ({@link #mergeFamily}).
 */
public final class RegressionStats extends MixtureStats {

  private static final long serialVersionUID = 1L;

  /** Coefficients per component. */
  final int p;
  final boolean intercept;
  /** b_j, k × p: the references the residuals are taken around (shared, never written). */
  final double[][] reference;
  /** M_j, k × (p+1)(p+2)/2, packed lower triangle row by row. */
  final double[][] moment;
  /** Scratch space of the dense kernel: one per statistics object, that is per task; never shipped. */
  private transient DenseRegressionKernel.Workspace workspace;

  RegressionStats(double[][] reference, boolean intercept) {
    super(reference.length);
    this.p = reference[0].length;
    this.intercept = intercept;
    this.reference = reference;
    this.moment = new double[reference.length][DenseRegressionKernel.packedLength(p)];
  }

  /** Index of entry (a, b), b ≤ a, in a packed lower triangle. */
  static int at(int a, int b) {
    return a * (a + 1) / 2 + b;
  }

  /** The packed statistics of component j (not copied: read only). */
  double[] moment(int j) {
    return moment[j];
  }

  /**
   * Adds rows with given responsibilities, {@code resp[i*k + j]} = w_i·r_ij, one record at a time:
   * the start from a hard clustering and any caller of {@link MixtureStats#addWeighted}. The E-step
   * itself runs the dense kernel ({@link #addDense}).
   */
  @Override
  protected void addBlock(Block block, double[] resp) {
    int k = k();
    int width = block.dim();
    int d = width - 1;
    double[] x = block.x();
    double[] u = new double[p + 1];
    int first = intercept ? 1 : 0;
    if (intercept) {
      u[0] = 1;
    }
    for (int i = 0; i < block.rows(); i++) {
      int off = i * width;
      System.arraycopy(x, off, u, first, d);
      for (int j = 0; j < k; j++) {
        double r = resp[i * k + j];
        if (r == 0) {
          continue;
        }
        double e = x[off + d];
        for (int a = 0; a < p; a++) {
          e -= reference[j][a] * u[a];
        }
        u[p] = e;
        double[] m = moment[j];
        for (int a = 0, q = 0; a <= p; a++) {
          double ra = r * u[a];
          for (int b = 0; b <= a; b++, q++) {
            m[q] += ra * u[b];
          }
        }
      }
    }
  }

  /** Runs the dense kernel over one block and adds its statistics (the whole E-step of the block). */
  void addDense(DenseRegressionKernel kernel, Block block) {
    if (workspace == null || !workspace.fits(kernel)) {
      workspace = kernel.newWorkspace();
    }
    workspace.sink(collectsDensities() ? (ld, w, m) -> noteLogDensities(ld, w, 0, m) : null);
    logLikelihood += kernel.accumulate(block.rows(), block.x(), block.w(), workspace, componentWeight, moment);
    totalWeight += block.totalWeight();
    records += block.rows();
  }

  @Override
  protected void scaleFamily(double factor) {
    for (double[] m : moment) {
      for (int q = 0; q < m.length; q++) {
        m[q] *= factor;
      }
    }
  }

  /**
   * Statistics of one pass share their references and add up as they are. Those of another pass
   * (stepwise EM blends them) are first moved to this object's references: with Δ = b' − b, the
   * residuals around b are e = e' + x̃ᵀΔ, so G stays, h = h' + GΔ and q = q' + 2Δᵀh' + ΔᵀGΔ.
   */
  @Override
  protected void mergeFamily(MixtureStats other) {
    RegressionStats o = (RegressionStats) other;
    for (int j = 0; j < k(); j++) {
      double[] m = moment[j];
      double[] om = o.moment[j];
      if (o.reference[j] != reference[j] && !java.util.Arrays.equals(o.reference[j], reference[j])) {
        om = shifted(om, o.reference[j], reference[j]);
      }
      for (int q = 0; q < m.length; q++) {
        m[q] += om[q];
      }
    }
  }

  /** The packed statistics {@code m} taken around {@code from}, re-expressed around {@code to}. */
  private double[] shifted(double[] m, double[] from, double[] to) {
    double[] out = m.clone();
    double[] delta = new double[p];
    for (int a = 0; a < p; a++) {
      delta[a] = from[a] - to[a];
    }
    double[] gDelta = new double[p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        gDelta[a] += m[a >= b ? at(a, b) : at(b, a)] * delta[b];
      }
    }
    double q = m[at(p, p)];
    for (int a = 0; a < p; a++) {
      out[at(p, a)] = m[at(p, a)] + gDelta[a];
      q += delta[a] * (2 * m[at(p, a)] + gDelta[a]);
    }
    out[at(p, p)] = q;
    return out;
  }

  /** Component j's sums in JSON: its reference coefficients b_j, then M_j packed (as {@link #moment}). */
  @Override
  protected void writeComponent(int j, ObjectNode component) {
    StatisticsJson.putVector(component, "reference", reference[j]);
    StatisticsJson.putVector(component, "moment", moment[j]);
  }

  /**
   * Reads component j's sums, taken around the references written beside them, and moves them to
   * this object's references (see {@link #mergeFamily}) when those differ.
   */
  @Override
  protected void readComponent(int j, JsonNode component) {
    double[] from = StatisticsJson.vector(component, "reference", p);
    double[] m = StatisticsJson.vector(component, "moment", moment[j].length);
    if (!java.util.Arrays.equals(from, reference[j])) {
      m = shifted(m, from, reference[j]);
    }
    System.arraycopy(m, 0, moment[j], 0, m.length);
  }

  /** The references b_j (k × p) of statistics in JSON form, to build the zero they are read into. */
  static double[][] referencesOf(JsonNode node, int k, int p) {
    JsonNode comps = StatisticsJson.array(node, "components", k);
    double[][] b = new double[k][];
    for (int j = 0; j < k; j++) {
      b[j] = StatisticsJson.vector(comps.get(j), "reference", p);
    }
    return b;
  }
}
