package io.sparkem.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseGaussianKernel} on the JDK vector API: one lane per row, four vectors of rows per tile
 * (32 rows with AVX-512), so that each scalar of L_j or each accumulator load serves four FMAs.
 * Loaded only when {@code jdk.incubator.vector} is present.
 *
 * <p>Longer than 300 lines: the loops are written out in full (two rows at a time, four vectors a
 * row, and their odd-d remainders) because C2 boxes the vector operations of smaller split methods.
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

  /**
   * resp[j][·] = c_j − ½‖L_j⁻¹(x − μ_j)‖², by forward substitution across the tile's rows, two rows
   * a, a+1 of L_j at a time so that each load of z_t feeds two FMAs (the same operations in the same
   * order as one row at a time, hence the same bits).
   */
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
    int a = 0;
    for (; a + 1 < d; a += 2) {
      int at = a * t4;
      int ut = at + t4;
      double ma = mu[a];
      double mu1 = mu[a + 1];
      DoubleVector s0 = DoubleVector.fromArray(S, xt, at).sub(ma);
      DoubleVector s1 = DoubleVector.fromArray(S, xt, at + V).sub(ma);
      DoubleVector s2 = DoubleVector.fromArray(S, xt, at + 2 * V).sub(ma);
      DoubleVector s3 = DoubleVector.fromArray(S, xt, at + 3 * V).sub(ma);
      DoubleVector u0 = DoubleVector.fromArray(S, xt, ut).sub(mu1);
      DoubleVector u1 = DoubleVector.fromArray(S, xt, ut + V).sub(mu1);
      DoubleVector u2 = DoubleVector.fromArray(S, xt, ut + 2 * V).sub(mu1);
      DoubleVector u3 = DoubleVector.fromArray(S, xt, ut + 3 * V).sub(mu1);
      int row = a * d;
      int row1 = row + d;
      for (int t = 0; t < a; t++) {
        DoubleVector nl = DoubleVector.broadcast(S, -l[row + t]);
        DoubleVector nu = DoubleVector.broadcast(S, -l[row1 + t]);
        int tt = t * t4;
        DoubleVector z0 = DoubleVector.fromArray(S, zt, tt);
        DoubleVector z1 = DoubleVector.fromArray(S, zt, tt + V);
        DoubleVector z2 = DoubleVector.fromArray(S, zt, tt + 2 * V);
        DoubleVector z3 = DoubleVector.fromArray(S, zt, tt + 3 * V);
        s0 = z0.fma(nl, s0);
        s1 = z1.fma(nl, s1);
        s2 = z2.fma(nl, s2);
        s3 = z3.fma(nl, s3);
        u0 = z0.fma(nu, u0);
        u1 = z1.fma(nu, u1);
        u2 = z2.fma(nu, u2);
        u3 = z3.fma(nu, u3);
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
      DoubleVector nu = DoubleVector.broadcast(S, -l[row1 + a]);
      double iu = inv[a + 1];
      u0 = s0.fma(nu, u0).mul(iu);
      u1 = s1.fma(nu, u1).mul(iu);
      u2 = s2.fma(nu, u2).mul(iu);
      u3 = s3.fma(nu, u3).mul(iu);
      u0.intoArray(zt, ut);
      u1.intoArray(zt, ut + V);
      u2.intoArray(zt, ut + 2 * V);
      u3.intoArray(zt, ut + 3 * V);
      q0 = u0.fma(u0, q0);
      q1 = u1.fma(u1, q1);
      q2 = u2.fma(u2, q2);
      q3 = u3.fma(u3, q3);
    }
    if (a < d) {
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

  /**
   * N_j += Σ r, S1_j += Σ r·y, S2_j += Σ r·y yᵀ (packed), into per-lane accumulators. Rows a, a+1 of
   * S2 are taken together, so that each load of y_b feeds both; every accumulator sees the same
   * operations in the same order as row by row.
   */
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
    double[] accMoment = ws.accMoment;
    double[] accFirst = ws.accFirst;
    int base = j * ws.packed * V;
    int a = 0;
    for (; a + 1 < d; a += 2) {
      int at = a * t4;
      int ut = at + t4;
      double ma = mu[a];
      double mu1 = mu[a + 1];
      DoubleVector y0 = DoubleVector.fromArray(S, xt, at).sub(ma);
      DoubleVector y1 = DoubleVector.fromArray(S, xt, at + V).sub(ma);
      DoubleVector y2 = DoubleVector.fromArray(S, xt, at + 2 * V).sub(ma);
      DoubleVector y3 = DoubleVector.fromArray(S, xt, at + 3 * V).sub(ma);
      y0.intoArray(yt, at);
      y1.intoArray(yt, at + V);
      y2.intoArray(yt, at + 2 * V);
      y3.intoArray(yt, at + 3 * V);
      DoubleVector v0 = DoubleVector.fromArray(S, xt, ut).sub(mu1);
      DoubleVector v1 = DoubleVector.fromArray(S, xt, ut + V).sub(mu1);
      DoubleVector v2 = DoubleVector.fromArray(S, xt, ut + 2 * V).sub(mu1);
      DoubleVector v3 = DoubleVector.fromArray(S, xt, ut + 3 * V).sub(mu1);
      v0.intoArray(yt, ut);
      v1.intoArray(yt, ut + V);
      v2.intoArray(yt, ut + 2 * V);
      v3.intoArray(yt, ut + 3 * V);
      DoubleVector ry0 = y0.mul(r0);
      DoubleVector ry1 = y1.mul(r1);
      DoubleVector ry2 = y2.mul(r2);
      DoubleVector ry3 = y3.mul(r3);
      DoubleVector rv0 = v0.mul(r0);
      DoubleVector rv1 = v1.mul(r1);
      DoubleVector rv2 = v2.mul(r2);
      DoubleVector rv3 = v3.mul(r3);
      int f = (j * d + a) * V;
      DoubleVector.fromArray(S, accFirst, f).add(ry0.add(ry1).add(ry2.add(ry3))).intoArray(accFirst, f);
      DoubleVector.fromArray(S, accFirst, f + V).add(rv0.add(rv1).add(rv2.add(rv3))).intoArray(accFirst, f + V);
      int p = base + a * (a + 1) / 2 * V;
      int pu = p + (a + 1) * V;
      for (int b = 0; b <= a; b++, p += V, pu += V) {
        int bt = b * t4;
        DoubleVector z0 = DoubleVector.fromArray(S, yt, bt);
        DoubleVector z1 = DoubleVector.fromArray(S, yt, bt + V);
        DoubleVector z2 = DoubleVector.fromArray(S, yt, bt + 2 * V);
        DoubleVector z3 = DoubleVector.fromArray(S, yt, bt + 3 * V);
        DoubleVector acc = DoubleVector.fromArray(S, accMoment, p);
        acc = ry0.fma(z0, acc);
        acc = ry1.fma(z1, acc);
        acc = ry2.fma(z2, acc);
        acc = ry3.fma(z3, acc);
        acc.intoArray(accMoment, p);
        DoubleVector acu = DoubleVector.fromArray(S, accMoment, pu);
        acu = rv0.fma(z0, acu);
        acu = rv1.fma(z1, acu);
        acu = rv2.fma(z2, acu);
        acu = rv3.fma(z3, acu);
        acu.intoArray(accMoment, pu);
      }
      DoubleVector acu = DoubleVector.fromArray(S, accMoment, pu);
      acu = rv0.fma(v0, acu);
      acu = rv1.fma(v1, acu);
      acu = rv2.fma(v2, acu);
      acu = rv3.fma(v3, acu);
      acu.intoArray(accMoment, pu);
    }
    // The last row when d is odd: the pair loop's first half, written out again rather than shared
    // through a helper — split into smaller methods, C2 stopped inlining the vector operations
    // (NodeCountInliningCutoff) and boxed them, at 1.1 GFLOP/s.
    if (a < d) {
      int at = a * t4;
      double ma = mu[a];
      DoubleVector y0 = DoubleVector.fromArray(S, xt, at).sub(ma);
      DoubleVector y1 = DoubleVector.fromArray(S, xt, at + V).sub(ma);
      DoubleVector y2 = DoubleVector.fromArray(S, xt, at + 2 * V).sub(ma);
      DoubleVector y3 = DoubleVector.fromArray(S, xt, at + 3 * V).sub(ma);
      y0.intoArray(yt, at);
      y1.intoArray(yt, at + V);
      y2.intoArray(yt, at + 2 * V);
      y3.intoArray(yt, at + 3 * V);
      DoubleVector ry0 = y0.mul(r0);
      DoubleVector ry1 = y1.mul(r1);
      DoubleVector ry2 = y2.mul(r2);
      DoubleVector ry3 = y3.mul(r3);
      int f = (j * d + a) * V;
      DoubleVector.fromArray(S, accFirst, f).add(ry0.add(ry1).add(ry2.add(ry3))).intoArray(accFirst, f);
      int p = base + a * (a + 1) / 2 * V;
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
