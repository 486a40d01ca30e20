package io.sparkem.family.gaussian;

import io.sparkem.core.UserError;
import java.util.List;

/**
 * Tied covariance: one d × d SPD matrix Σ shared by all components. Each component's entry of
 * {@code covariances} is the same row-major array, so the E-step factors it once.
 *
 * <p>M-step (scikit-learn's {@code _estimate_gaussian_covariances_tied}):
 * Σ = Σ_j Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / N + reg·I = Σ_j (S₂_j − N_j δ_j δ_jᵀ) / N + reg·I,
 * N = Σ_j N_j, with each S₂_j centred on the previous mean c_j (so that Σ_i r_ij (x−c_j)(x−c_j)ᵀ −
 * N_j δ_j δ_jᵀ is component j's scatter around its new mean μ_j = c_j + δ_j). Second moments are
 * packed like {@link FullCovariance}'s. Free parameters: d(d+1)/2.
 */
public final class TiedCovariance implements CovarianceShape {

  private static final long serialVersionUID = 1L;
  private static final FullCovariance FULL = new FullCovariance();

  @Override
  public CovarianceType type() {
    return CovarianceType.TIED;
  }

  @Override
  public int freeParameters(int k, int d) {
    return d * (d + 1) / 2;
  }

  /** Same packed moments as full, and a full matrix per component: the dense kernel applies. */
  @Override
  public boolean denseBlockKernel() {
    return true;
  }

  @Override
  public int momentWidth(int d) {
    return FULL.momentWidth(d);
  }

  @Override
  public void addMoment(double[] moment, double r, double[] y, int d) {
    FULL.addMoment(moment, r, y, d);
  }

  @Override
  public void addConditional(double[] moment, double r, double[] cond, int[] missing, int d) {
    FULL.addConditional(moment, r, cond, missing, d);
  }

  @Override
  public double[][] estimate(double[] n, double[][] delta, double[][] moment, double[][] previous,
      double reg, int d, List<String> warnings) {
    double total = 0;
    double[] scatter = new double[momentWidth(d)];
    for (int j = 0; j < n.length; j++) {
      if (n[j] <= 0) {
        continue;
      }
      total += n[j];
      int at = 0;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          scatter[at] += moment[j][at] - n[j] * delta[j][a] * delta[j][b];
          at++;
        }
      }
    }
    if (total <= 0) {
      return previous.clone();
    }
    double[] shared = FullCovariance.centred(scatter, total, new double[d], reg, d);
    double[][] cov = new double[n.length][];
    java.util.Arrays.fill(cov, shared);
    return cov;
  }

  @Override
  public int coordinates(int k, int d) {
    return LogCholesky.size(d);
  }

  /** Log-Cholesky coordinates of the one shared Σ. */
  @Override
  public void encode(double[][] cov, int d, double[] out, int off) {
    LogCholesky.encode(cov[0], d, out, off);
  }

  /** Every component gets the same array, as the M-step leaves it. */
  @Override
  public double[][] decode(double[] u, int off, int k, int d) {
    double[][] cov = new double[k][];
    java.util.Arrays.fill(cov, LogCholesky.decode(u, off, d));
    return cov;
  }

  @Override
  public Whitener whitener(double[] cov, int d) {
    return FULL.whitener(cov, d);
  }

  /** One Cholesky factorisation per distinct matrix (normally one for all k components). */
  @Override
  public Whitener[] whiteners(double[][] cov, int d) {
    Whitener[] out = new Whitener[cov.length];
    for (int j = 0; j < cov.length; j++) {
      out[j] = j > 0 && cov[j] == cov[j - 1] ? out[j - 1] : whitener(cov[j], d);
    }
    return out;
  }

  @Override
  public double[] toFull(double[] cov, int d) {
    return cov.clone();
  }

  @Override
  public double[] fromFull(double[] full, int d) {
    Structure.requireSymmetric(full, d, type());
    return full.clone();
  }

  /** Every component must carry the same matrix; the first is kept and shared. */
  @Override
  public double[][] componentsFromFull(double[][] full, int d) {
    double[][] cov = CovarianceShape.super.componentsFromFull(full, d);
    for (int j = 1; j < cov.length; j++) {
      if (!Structure.sameMatrix(cov[0], cov[j], d)) {
        throw new UserError("a tied covariance is shared by all components, but component " + j
            + "'s differs from component 0's; fit with --covariance full for separate matrices");
      }
    }
    java.util.Arrays.fill(cov, cov[0]);
    return cov;
  }
}
