package io.sparkem.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseGaussianKernel} on the JDK vector API: one lane per row, four vectors of rows per tile
 * (32 rows with AVX-512), so that each scalar of L_j or each accumulator load serves four FMAs.
 * Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorGaussianKernel extends DenseGaussianKernel.Impl {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();

  /** The vector kernel, or null when vectors are too short to pay (fewer than 2 doubles). */
  static DenseGaussianKernel.Impl create() {
    return V >= 2 ? new VectorGaussianKernel() : null;
  }

  @Override
  String name() {
    return "vector" + (V * 64);
  }

  @Override
  int lanes() {
    return V;
  }

  @Override
  int tile() {
    return 4 * V;
  }

  @Override
  double tile(DenseGaussianKernel kern, DenseGaussianKernel.Workspace ws, int m) {
    for (int j = 0; j < kern.k; j++) {
      logDensities(kern, j, ws);
    }
    responsibilities(kern.k, ws.tile, ws.resp, ws.lse, ws.wt);
    double ll = ws.tileLogLikelihood(m);
    for (int j = 0; j < kern.k; j++) {
      addStatistics(kern, j, ws);
    }
    return ll;
  }

  /** resp[j][·] = c_j − ½‖L_j⁻¹(x − μ_j)‖², by forward substitution across the tile's rows. */
  private static void logDensities(DenseGaussianKernel kern, int j, DenseGaussianKernel.Workspace ws) {
    int d = kern.d;
    int t4 = ws.tile;
    double[] mu = kern.means[j];
    double[] l = kern.lower[j];
    double[] inv = kern.inverseDiagonal[j];
    double[] xt = ws.xt;
    double[] zt = ws.yt;
    DoubleVector q0 = DoubleVector.zero(S);
    DoubleVector q1 = q0;
    DoubleVector q2 = q0;
    DoubleVector q3 = q0;
    for (int a = 0; a < d; a++) {
      int at = a * t4;
      double ma = mu[a];
      DoubleVector s0 = DoubleVector.fromArray(S, xt, at).sub(ma);
      DoubleVector s1 = DoubleVector.fromArray(S, xt, at + V).sub(ma);
      DoubleVector s2 = DoubleVector.fromArray(S, xt, at + 2 * V).sub(ma);
      DoubleVector s3 = DoubleVector.fromArray(S, xt, at + 3 * V).sub(ma);
      int row = a * d;
      for (int t = 0; t < a; t++) {
        DoubleVector nl = DoubleVector.broadcast(S, -l[row + t]);
        int tt = t * t4;
        s0 = DoubleVector.fromArray(S, zt, tt).fma(nl, s0);
        s1 = DoubleVector.fromArray(S, zt, tt + V).fma(nl, s1);
        s2 = DoubleVector.fromArray(S, zt, tt + 2 * V).fma(nl, s2);
        s3 = DoubleVector.fromArray(S, zt, tt + 3 * V).fma(nl, s3);
      }
      double ia = inv[a];
      s0 = s0.mul(ia);
      s1 = s1.mul(ia);
      s2 = s2.mul(ia);
      s3 = s3.mul(ia);
      s0.intoArray(zt, at);
      s1.intoArray(zt, at + V);
      s2.intoArray(zt, at + 2 * V);
      s3.intoArray(zt, at + 3 * V);
      q0 = s0.fma(s0, q0);
      q1 = s1.fma(s1, q1);
      q2 = s2.fma(s2, q2);
      q3 = s3.fma(s3, q3);
    }
    double c = kern.constant[j];
    int out = j * t4;
    q0.fma(-0.5, c).intoArray(ws.resp, out);
    q1.fma(-0.5, c).intoArray(ws.resp, out + V);
    q2.fma(-0.5, c).intoArray(ws.resp, out + 2 * V);
    q3.fma(-0.5, c).intoArray(ws.resp, out + 3 * V);
  }

  /**
   * Per row: lse = log Σ_j exp(l_j) (shifted by the maximum), then resp[j] = w·exp(l_j − lse).
   * {@code resp} is k × tile (l on entry, r on return). exp and log are {@link VectorExpLog}'s, which
   * give {@link ExpLog}'s bits in every lane compiled or interpreted, so that a model does not
   * depend on when the JIT kicked in and this agrees bit for bit with
   * {@link ScalarGaussianKernel#responsibilities}. Shared with {@link VectorRegressionKernel}.
   */
  static void responsibilities(int k, int t4, double[] resp, double[] lse, double[] wt) {
    for (int g = 0; g < t4; g += V) {
      DoubleVector max = DoubleVector.fromArray(S, resp, g);
      for (int j = 1; j < k; j++) {
        max = max.max(DoubleVector.fromArray(S, resp, j * t4 + g));
      }
      DoubleVector sum = DoubleVector.zero(S);
      for (int j = 0; j < k; j++) {
        int at = j * t4 + g;
        DoubleVector e = VectorExpLog.exp(DoubleVector.fromArray(S, resp, at).sub(max));
        e.intoArray(resp, at);
        sum = sum.add(e);
      }
      max.add(VectorExpLog.log(sum)).intoArray(lse, g);
      DoubleVector scale = DoubleVector.fromArray(S, wt, g).div(sum);
      for (int j = 0; j < k; j++) {
        DoubleVector.fromArray(S, resp, j * t4 + g).mul(scale).intoArray(resp, j * t4 + g);
      }
    }
  }

  /** N_j += Σ r, S1_j += Σ r·y, S2_j += Σ r·y yᵀ (packed), into per-lane accumulators. */
  private static void addStatistics(DenseGaussianKernel kern, int j, DenseGaussianKernel.Workspace ws) {
    int d = kern.d;
    int t4 = ws.tile;
    double[] mu = kern.means[j];
    double[] xt = ws.xt;
    double[] yt = ws.yt;
    int rj = j * t4;
    DoubleVector r0 = DoubleVector.fromArray(S, ws.resp, rj);
    DoubleVector r1 = DoubleVector.fromArray(S, ws.resp, rj + V);
    DoubleVector r2 = DoubleVector.fromArray(S, ws.resp, rj + 2 * V);
    DoubleVector r3 = DoubleVector.fromArray(S, ws.resp, rj + 3 * V);
    int nAt = j * V;
    DoubleVector.fromArray(S, ws.accN, nAt).add(r0.add(r1).add(r2.add(r3))).intoArray(ws.accN, nAt);
    for (int a = 0; a < d; a++) {
      int at = a * t4;
      double ma = mu[a];
      DoubleVector.fromArray(S, xt, at).sub(ma).intoArray(yt, at);
      DoubleVector.fromArray(S, xt, at + V).sub(ma).intoArray(yt, at + V);
      DoubleVector.fromArray(S, xt, at + 2 * V).sub(ma).intoArray(yt, at + 2 * V);
      DoubleVector.fromArray(S, xt, at + 3 * V).sub(ma).intoArray(yt, at + 3 * V);
    }
    double[] accMoment = ws.accMoment;
    int p = j * ws.packed * V;
    for (int a = 0; a < d; a++) {
      int at = a * t4;
      DoubleVector ry0 = DoubleVector.fromArray(S, yt, at).mul(r0);
      DoubleVector ry1 = DoubleVector.fromArray(S, yt, at + V).mul(r1);
      DoubleVector ry2 = DoubleVector.fromArray(S, yt, at + 2 * V).mul(r2);
      DoubleVector ry3 = DoubleVector.fromArray(S, yt, at + 3 * V).mul(r3);
      int f = (j * d + a) * V;
      DoubleVector.fromArray(S, ws.accFirst, f).add(ry0.add(ry1).add(ry2.add(ry3))).intoArray(ws.accFirst, f);
      for (int b = 0; b <= a; b++, p += V) {
        int bt = b * t4;
        DoubleVector acc = DoubleVector.fromArray(S, accMoment, p);
        acc = ry0.fma(DoubleVector.fromArray(S, yt, bt), acc);
        acc = ry1.fma(DoubleVector.fromArray(S, yt, bt + V), acc);
        acc = ry2.fma(DoubleVector.fromArray(S, yt, bt + 2 * V), acc);
        acc = ry3.fma(DoubleVector.fromArray(S, yt, bt + 3 * V), acc);
        acc.intoArray(accMoment, p);
      }
    }
  }
}
