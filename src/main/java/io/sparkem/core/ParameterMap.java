package io.sparkem.core;

/**
 * θ as a flat vector in an unconstrained space, so that θ can be extrapolated linearly (SQUAREM)
 * and every vector maps back to a valid θ: log for rates and variances, log-Cholesky for
 * covariance matrices, centred log-ratios for probability vectors, logits for probabilities,
 * identity for means. Parameters held fixed (weights under {@code --fix-weights}) are not in the
 * vector: {@link #fromVector} takes them from a template θ of the same shape.
 *
 * <p>The map is a bijection up to the families' own clamps (a probability kept in
 * [1e-10, 1 − 1e-10], a weight of exactly 0 read as e^−690), so {@code fromVector(toVector(θ), θ)}
 * equals θ to rounding.
 *
 * @param <M> the family's θ
 */
public interface ParameterMap<M extends Model> {

  /** The unconstrained coordinates of θ; the length depends only on θ's shape (k, d, type). */
  double[] toVector(M theta);

  /**
   * The θ whose coordinates are {@code v}, with the shape and fixed parts of {@code template}.
   * Every finite {@code v} of the right length gives a valid θ (at worst one the E-step rejects as
   * numerically singular).
   */
  M fromVector(double[] v, M template);
}
