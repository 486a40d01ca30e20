package io.sparkem.family.gaussian;

import io.sparkem.core.Block;
import io.sparkem.math.Cholesky;
import io.sparkem.math.LogSumExp;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The E-step and statistics of rows with missing cells (NaN), missing at random (Ghahramani &amp;
 * Jordan 1994, "Supervised learning from incomplete data via an EM approach", NIPS 6; Little &amp;
 * Rubin, "Statistical Analysis with Missing Data", ch. 11). For a row with observed coordinates o
 * and missing ones m, under component j:
 * <ul>
 *   <li>log f_j(x_o) is the log-density of the marginal N(μ_o, Σ_oo);</li>
 *   <li>x̂_m = μ_m + Σ_mo Σ_oo⁻¹ (x_o − μ_o) is the conditional mean of the missing part;</li>
 *   <li>C = Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om its conditional covariance, added (times r) to the second
 *       moment, so that the moment statistic is E[r·(x − c)(x − c)ᵀ | x_o].</li>
 * </ul>
 * With L Lᵀ = Σ_oo, z = L⁻¹(x_o − μ_o) and V = L⁻¹ Σ_om: the Mahalanobis term is ‖z‖²,
 * x̂_m − μ_m = Vᵀz and C = Σ_mm − VᵀV. Rows are grouped by missingness pattern, so that L, V and
 * C are computed once per (pattern, component) per block, not per row.
 */
final class IncompleteRows {

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private IncompleteRows() {}

  /** Row indices of {@code block} with at least one NaN feature, ascending. */
  static int[] find(Block block) {
    int d = block.dim();
    double[] x = block.x();
    int[] rows = new int[block.rows()];
    int n = 0;
    for (int i = 0; i < block.rows(); i++) {
      for (int a = 0; a < d; a++) {
        if (Double.isNaN(x[i * d + a])) {
          rows[n++] = i;
          break;
        }
      }
    }
    return java.util.Arrays.copyOf(rows, n);
  }

  /** The row indices of a block of {@code rows} rows not listed in {@code incomplete} (ascending). */
  static int[] completeRows(int rows, int[] incomplete) {
    int[] out = new int[rows - incomplete.length];
    int next = 0;
    int at = 0;
    for (int i = 0; i < rows; i++) {
      if (next < incomplete.length && incomplete[next] == i) {
        next++;
      } else {
        out[at++] = i;
      }
    }
    return out;
  }

  /** The rows of {@code block} not listed in {@code incomplete} (ascending), as a block. */
  static Block complete(Block block, int[] incomplete) {
    int d = block.dim();
    int[] rows = completeRows(block.rows(), incomplete);
    double[] x = new double[rows.length * d];
    double[] w = new double[rows.length];
    for (int at = 0; at < rows.length; at++) {
      System.arraycopy(block.x(), rows[at] * d, x, at * d, d);
      w[at] = block.w()[rows[at]];
    }
    return new Block(rows.length, d, x, w);
  }

  /**
   * Runs the E-step on the listed rows of {@code block} and adds their statistics, log-likelihood,
   * weight and count to {@code into}.
   *
   * @param means      μ_j, k × d
   * @param full       Σ_j as full row-major d × d matrices, k of them
   * @param logWeights log π_j
   */
  static void accumulate(double[][] means, double[][] full, double[] logWeights, Block block,
      int[] rows, GaussianStats into) {
    for (Map.Entry<BitSet, List<Integer>> group : byPattern(block, rows).entrySet()) {
      Pattern pattern = Pattern.of(group.getKey(), block.dim());
      Conditional[] cond = conditionals(full, pattern, block.dim());
      Scratch scratch = new Scratch(means.length, pattern.observed.length, block.dim());
      for (int i : group.getValue()) {
        addRow(means, logWeights, cond, pattern, block, i, into, scratch);
      }
    }
  }

  /** Rows grouped by the set of their missing coordinates, groups in order of first appearance. */
  private static Map<BitSet, List<Integer>> byPattern(Block block, int[] rows) {
    Map<BitSet, List<Integer>> groups = new LinkedHashMap<>();
    int d = block.dim();
    for (int i : rows) {
      BitSet missing = new BitSet(d);
      for (int a = 0; a < d; a++) {
        if (Double.isNaN(block.x()[i * d + a])) {
          missing.set(a);
        }
      }
      groups.computeIfAbsent(missing, b -> new ArrayList<>()).add(i);
    }
    return groups;
  }

  /** Per-pattern buffers, so that a row allocates nothing. */
  private record Scratch(double[] logp, double[][] z, double[] y) {
    Scratch(int k, int o, int d) {
      this(new double[k], new double[k][o], new double[d]);
    }
  }

  /**
   * Posteriors (times w_i when {@code weighted}) into {@code out[i*k + j]} and, when not null,
   * log p(x_o) into {@code logDensity[i]}, for the listed rows of {@code block} only: the marginal
   * E-step that {@link #accumulate} runs, for {@code predict}. Returns Σ w_i log p(x_o,i) over them.
   */
  static double posteriors(double[][] means, double[][] full, double[] logWeights, Block block, int[] rows,
      double[] out, boolean weighted, double[] logDensity) {
    int k = means.length;
    double ll = 0;
    for (Map.Entry<BitSet, List<Integer>> group : byPattern(block, rows).entrySet()) {
      Pattern pattern = Pattern.of(group.getKey(), block.dim());
      Conditional[] cond = conditionals(full, pattern, block.dim());
      Scratch scratch = new Scratch(k, pattern.observed.length, block.dim());
      for (int i : group.getValue()) {
        double lse = logJoint(means, logWeights, cond, pattern, block, i, scratch);
        double w = block.w()[i];
        ll += w == 0 ? 0 : w * lse;
        if (logDensity != null) {
          logDensity[i] = lse;
        }
        for (int j = 0; j < k; j++) {
          out[i * k + j] = (weighted ? w : 1.0) * Math.exp(scratch.logp()[j] - lse);
        }
      }
    }
    return ll;
  }

  private static Conditional[] conditionals(double[][] full, Pattern pattern, int d) {
    Conditional[] cond = new Conditional[full.length];
    for (int j = 0; j < cond.length; j++) {
      cond[j] = Conditional.of(full[j], pattern, d);
    }
    return cond;
  }

  /**
   * log π_j + log f_j(x_o) of row i into {@code scratch.logp} (whitened residuals into
   * {@code scratch.z}); returns their log-sum-exp, log p(x_o).
   */
  private static double logJoint(double[][] means, double[] logWeights, Conditional[] cond, Pattern pattern,
      Block block, int i, Scratch scratch) {
    int k = means.length;
    int d = block.dim();
    int o = pattern.observed.length;
    double[] x = block.x();
    double[] logp = scratch.logp();
    double[][] z = scratch.z();
    for (int j = 0; j < k; j++) {
      for (int p = 0; p < o; p++) {
        z[j][p] = x[i * d + pattern.observed[p]] - means[j][pattern.observed[p]];
      }
      Cholesky.forwardSolveInPlace(cond[j].lower, o, z[j], 0);
      double q = 0;
      for (int p = 0; p < o; p++) {
        q += z[j][p] * z[j][p];
      }
      logp[j] = logWeights[j] + cond[j].logNormaliser - 0.5 * q;
    }
    double lse = LogSumExp.ofRow(logp, 0, k);
    if (!(lse > Double.NEGATIVE_INFINITY) || lse == Double.POSITIVE_INFINITY) {
      throw new IllegalStateException(
          "a record has no finite likelihood under any component (log-sum-exp = " + lse + ")");
    }
    return lse;
  }

  private static void addRow(double[][] means, double[] logWeights, Conditional[] cond,
      Pattern pattern, Block block, int i, GaussianStats into, Scratch scratch) {
    int k = means.length;
    int d = block.dim();
    int o = pattern.observed.length;
    int m = pattern.missing.length;
    double[] x = block.x();
    double[] logp = scratch.logp();
    double[][] z = scratch.z();
    double lse = logJoint(means, logWeights, cond, pattern, block, i, scratch);
    double w = block.w()[i];
    into.addIncompleteTotals(lse, w);
    double[] y = scratch.y();
    for (int j = 0; j < k; j++) {
      double r = w * Math.exp(logp[j] - lse);
      if (r == 0) {
        continue;
      }
      // y = x̂ − μ_j: observed coordinates as they are, missing ones at their conditional mean.
      for (int p = 0; p < o; p++) {
        int a = pattern.observed[p];
        y[a] = x[i * d + a] - means[j][a];
      }
      double[] v = cond[j].v;
      for (int q = 0; q < m; q++) {
        double s = 0;
        for (int p = 0; p < o; p++) {
          s += v[p * m + q] * z[j][p];
        }
        y[pattern.missing[q]] = s;
      }
      into.addFilled(j, r, y, cond[j].covariance, pattern.missing);
    }
  }

  /** The observed and missing coordinates of a pattern, each ascending. */
  private record Pattern(int[] observed, int[] missing) {
    static Pattern of(BitSet missing, int d) {
      int[] miss = missing.stream().toArray();
      int[] obs = new int[d - miss.length];
      int at = 0;
      for (int a = 0; a < d; a++) {
        if (!missing.get(a)) {
          obs[at++] = a;
        }
      }
      return new Pattern(obs, miss);
    }
  }

  /**
   * One component's precomputation for one pattern: L (o × o, row-major) with L Lᵀ = Σ_oo,
   * −½(o·log 2π + log det Σ_oo), V = L⁻¹ Σ_om (o × m) and C = Σ_mm − VᵀV (m × m).
   */
  private record Conditional(double[] lower, double logNormaliser, double[] v, double[] covariance) {
    static Conditional of(double[] full, Pattern pattern, int d) {
      int[] obs = pattern.observed;
      int[] miss = pattern.missing;
      int o = obs.length;
      int m = miss.length;
      double[] soo = new double[o * o];
      for (int p = 0; p < o; p++) {
        for (int q = 0; q < o; q++) {
          soo[p * o + q] = full[obs[p] * d + obs[q]];
        }
      }
      // A principal submatrix of a positive definite Σ_j is positive definite.
      Cholesky chol = Cholesky.of(soo, o).orElseThrow(() -> new SingularCovarianceException(
          "a covariance restricted to the observed coordinates cannot be factored"));
      double[] lower = chol.lower();
      double[] v = new double[o * m];
      double[] column = new double[o];
      for (int q = 0; q < m; q++) {
        for (int p = 0; p < o; p++) {
          column[p] = full[obs[p] * d + miss[q]];
        }
        Cholesky.forwardSolveInPlace(lower, o, column, 0);
        for (int p = 0; p < o; p++) {
          v[p * m + q] = column[p];
        }
      }
      double[] c = new double[m * m];
      for (int a = 0; a < m; a++) {
        for (int b = 0; b < m; b++) {
          double s = full[miss[a] * d + miss[b]];
          for (int p = 0; p < o; p++) {
            s -= v[p * m + a] * v[p * m + b];
          }
          c[a * m + b] = s;
        }
      }
      return new Conditional(lower, -0.5 * (o * LOG_2PI + chol.logDeterminant()), v, c);
    }
  }
}
