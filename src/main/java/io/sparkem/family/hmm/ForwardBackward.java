package io.sparkem.family.hmm;

/**
 * The forward–backward recursions of one sequence in scaled form (Rabiner 1989, Proc. IEEE 77:257,
 * §V.A), never multiplying raw densities: each step's emission log-densities are shifted by their
 * maximum m_t before exponentiation, b_t(j) = exp(log f_j(x_t) − m_t) ∈ [0, 1], and the forward
 * variables are normalised at every step, α̂_t = α_t / c_t. Then
 * <pre>
 *   log P(x_0..x_{T−1}) = Σ_t (log c_t + m_t)
 *   γ_t(j)    = α̂_t(j) β̂_t(j)
 *   ξ_t(i, j) = α̂_t(i) a_ij b_{t+1}(j) β̂_{t+1}(j) / c_{t+1}
 * </pre>
 * with β̂_{T−1} = 1 and β̂_t(i) = Σ_j a_ij b_{t+1}(j) β̂_{t+1}(j) / c_{t+1}. The shift makes the
 * largest b_t equal to 1, so c_t cannot underflow unless the sequence is impossible under θ.
 *
 * <p>Memory: besides the caller's {@code logB} and {@code gamma} (T × k each) one array of T
 * scale factors and two of k; α̂ is kept in {@code gamma} and turned into γ in place.
 */
final class ForwardBackward {

  private ForwardBackward() {}

  /**
   * Runs forward–backward on rows {@code from..from+T−1}.
   *
   * @param logB   log f_j(x_t) at {@code [(from+t)·k + j]}; overwritten with the shifted b_t(j)
   * @param start  π, length k
   * @param trans  a_ij at {@code [i·k + j]}, k × k row-major
   * @param gamma  out: γ_t(j) at {@code [(from+t)·k + j]}
   * @param xiSum  Σ_t ξ_t(i, j) is added at {@code [i·k + j]}; null to skip
   * @param logDensity out, when not null: log p(x_t | x_0..x_{t−1}) = log c_t + m_t at
   *     {@code [from + t]}, each record's log-density given the ones before it (they add up to the
   *     sequence's log P)
   * @return log P(sequence | θ), natural log, normalising constants included
   */
  static double run(double[] logB, int from, int T, int k, double[] start, double[] trans,
      double[] gamma, double[] xiSum, double[] logDensity) {
    double[] c = new double[T];
    double ll = 0;
    for (int t = 0; t < T; t++) {
      double m = shift(logB, (from + t) * k, k);
      ll += m;
      if (logDensity != null) {
        logDensity[from + t] = m;
      }
    }
    // Forward: α̂ into gamma.
    int row = from * k;
    for (int j = 0; j < k; j++) {
      gamma[row + j] = start[j] * logB[row + j];
    }
    c[0] = normalise(gamma, row, k, 0);
    for (int t = 1; t < T; t++) {
      int prev = row;
      row += k;
      for (int j = 0; j < k; j++) {
        gamma[row + j] = 0;
      }
      for (int i = 0; i < k; i++) {
        double a = gamma[prev + i];
        if (a == 0) {
          continue;
        }
        int ti = i * k;
        for (int j = 0; j < k; j++) {
          gamma[row + j] += a * trans[ti + j];
        }
      }
      for (int j = 0; j < k; j++) {
        gamma[row + j] *= logB[row + j];
      }
      c[t] = normalise(gamma, row, k, t);
    }
    for (int t = 0; t < T; t++) {
      ll += Math.log(c[t]);
      if (logDensity != null) {
        logDensity[from + t] += Math.log(c[t]);
      }
    }
    // Backward: β̂ in a k-vector; γ_t = α̂_t ∘ β̂_t written over α̂_t once ξ_t has used it.
    double[] beta = new double[k];
    double[] u = new double[k];
    java.util.Arrays.fill(beta, 1.0);
    for (int t = T - 2; t >= 0; t--) {
      int next = (from + t + 1) * k;
      int cur = (from + t) * k;
      for (int j = 0; j < k; j++) {
        u[j] = logB[next + j] * beta[j] / c[t + 1];
      }
      for (int i = 0; i < k; i++) {
        int ti = i * k;
        double b = 0;
        double a = gamma[cur + i];
        for (int j = 0; j < k; j++) {
          double v = trans[ti + j] * u[j];
          b += v;
          if (xiSum != null) {
            xiSum[ti + j] += a * v;
          }
        }
        beta[i] = b;
      }
      double s = 0;
      for (int i = 0; i < k; i++) {
        gamma[cur + i] *= beta[i];
        s += gamma[cur + i];
      }
      // Σ_i γ_t(i) = 1 exactly in exact arithmetic; dividing removes the rounding.
      for (int i = 0; i < k; i++) {
        gamma[cur + i] /= s;
      }
    }
    return ll;
  }

  /** Replaces {@code v[off..off+k)} by exp(v − max) and returns the max. */
  private static double shift(double[] v, int off, int k) {
    double m = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      m = Math.max(m, v[off + j]);
    }
    if (!(m > Double.NEGATIVE_INFINITY) || m == Double.POSITIVE_INFINITY) {
      throw new IllegalStateException(
          "a record has no finite likelihood under any state (largest log-density " + m + ")");
    }
    for (int j = 0; j < k; j++) {
      v[off + j] = Math.exp(v[off + j] - m);
    }
    return m;
  }

  private static double normalise(double[] v, int off, int k, int t) {
    double s = 0;
    for (int j = 0; j < k; j++) {
      s += v[off + j];
    }
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new IllegalStateException("a sequence has probability 0 under the model at step " + t
          + " (no state can emit the record after the previous ones)");
    }
    for (int j = 0; j < k; j++) {
      v[off + j] /= s;
    }
    return s;
  }
}
