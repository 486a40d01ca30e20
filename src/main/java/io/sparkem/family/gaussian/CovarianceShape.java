package io.sparkem.family.gaussian;

import io.sparkem.core.UserError;
import java.io.Serializable;
import java.util.List;

/**
 * One covariance structure: how its parameters are stored, whitened, counted and estimated.
 *
 * <p>Storage of component j's covariance ({@code cov[j]}) is the shape's own: full and tied keep a
 * row-major d × d matrix (tied: the same array for every component), diag keeps d variances,
 * spherical one variance. Diag and spherical never hold a d × d matrix except in
 * {@link #toFull}/{@link #fromFull}, for model.json.
 */
public sealed interface CovarianceShape extends Serializable
    permits FullCovariance, DiagonalCovariance, TiedCovariance, SphericalCovariance {

  CovarianceType type();

  /** Free covariance parameters of a k-component model in d dimensions (scikit-learn's count). */
  int freeParameters(int k, int d);

  /** Length of one component's second-moment statistic. */
  int momentWidth(int d);

  /** Adds r·(y yᵀ), in this shape's layout, to {@code moment}; y is {@code y[0..d)}. */
  void addMoment(double[] moment, double r, double[] y, int d);

  /**
   * Adds r·C, in this shape's layout, to {@code moment}, where C is a covariance over the
   * coordinates {@code missing} (ascending, length m) only: {@code cond} is m × m row-major, and
   * every other entry of the d × d matrix is 0. This is the conditional covariance of a row's
   * missing coordinates (Ghahramani &amp; Jordan 1994), which E[(x − c)(x − c)ᵀ] adds to ŷŷᵀ.
   */
  void addConditional(double[] moment, double r, double[] cond, int[] missing, int d);

  /**
   * The covariances from centred statistics: for component j, {@code n[j]} = Σ r, {@code delta[j]}
   * = S₁/n (the move of the mean), {@code moment[j]} = Σ r·(x−c)(x−c)ᵀ in this shape's layout.
   * Components with {@code n[j] <= 0} keep {@code previous[j]}. {@code reg} is added to every
   * diagonal. Warnings go to {@code warnings}.
   */
  double[][] estimate(double[] n, double[][] delta, double[][] moment, double[][] previous,
      double reg, int d, List<String> warnings);

  /** Precomputes the whitening of one covariance for the E-step. */
  Whitener whitener(double[] cov, int d);

  /**
   * Whether the E-step of this shape may run as {@link io.sparkem.math.DenseGaussianKernel}: each
   * component whitened by the Cholesky factor of its full matrix ({@link #toFull}), and the moment
   * statistic laid out as the packed lower triangle of Σ r·y yᵀ (d(d+1)/2 values, row by row). A
   * shape that answers false gets the generic per-record E-step, which is correct for any layout.
   */
  default boolean denseBlockKernel() {
    return false;
  }

  /** The whitening of every component's covariance (tied: factored once). */
  default Whitener[] whiteners(double[][] cov, int d) {
    Whitener[] out = new Whitener[cov.length];
    for (int j = 0; j < cov.length; j++) {
      out[j] = whitener(cov[j], d);
    }
    return out;
  }

  /** The full d × d matrix, row-major, for model.json. */
  double[] toFull(double[] cov, int d);

  /**
   * This shape's storage of a full d × d matrix read from model.json; a matrix without the shape's
   * structure (a diag covariance with off-diagonal entries, ...) is a {@link UserError}.
   */
  double[] fromFull(double[] full, int d);

  /** {@link #fromFull} of every component (tied also checks that they are all the same). */
  default double[][] componentsFromFull(double[][] full, int d) {
    double[][] cov = new double[full.length][];
    for (int j = 0; j < full.length; j++) {
      try {
        cov[j] = fromFull(full[j], d);
      } catch (UserError e) {
        throw new UserError("component " + j + ": " + e.getMessage(), e);
      }
    }
    return cov;
  }

  /**
   * A copy of {@code cov} with {@code add[a]} added to diagonal entry a. This default is for the
   * row-major d × d storage of full and tied; diag and spherical override it.
   */
  default double[] addToDiagonal(double[] cov, double[] add, int d) {
    double[] out = cov.clone();
    for (int a = 0; a < d; a++) {
      out[a * d + a] += add[a];
    }
    return out;
  }

  /**
   * Whether a cluster of {@code rows} sample rows can estimate its own covariance when the starting
   * θ is built (full needs more rows than dimensions; diag and spherical need two).
   */
  default boolean estimable(int rows, int d) {
    return rows > d;
  }

  /**
   * Number of unconstrained coordinates of the k covariances ({@link io.sparkem.core.ParameterMap}):
   * full k·d(d+1)/2 (log-Cholesky), tied d(d+1)/2 (one matrix), diag k·d and spherical k (logs).
   */
  int coordinates(int k, int d);

  /** Writes the coordinates of all k covariances (this shape's storage) to {@code out[off..)}. */
  void encode(double[][] cov, int d, double[] out, int off);

  /** The k covariances, in this shape's storage, of the coordinates {@code u[off..)}. */
  double[][] decode(double[] u, int off, int k, int d);

  /** Precomputed whitening of one covariance Σ. */
  interface Whitener extends Serializable {
    /** log det Σ. */
    double logDeterminant();

    /** yᵀ Σ⁻¹ y for {@code y[0..d)}; may overwrite y. */
    double squaredDistance(double[] y);
  }
}
