package io.sparkem.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseRegressionKernel} on the JDK vector API: one lane per row, four vectors of rows per
 * tile (32 rows with AVX-512), as {@link VectorGaussianKernel}. Loaded only when
 * {@code jdk.incubator.vector} is present.
 */
final class VectorRegressionKernel extends DenseRegressionKernel.Impl {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();

  private VectorRegressionKernel() {
    super("vector" + (V * 64), V, 4 * V);
  }

  /** The vector kernel, or the plain one when vectors are too short to pay (fewer than 2 doubles). */
  static DenseRegressionKernel.Impl create() {
    return V >= 2 ? new VectorRegressionKernel() : new ScalarRegressionKernel();
  }

  @Override
  void responsibilities(int k, DenseRegressionKernel.Workspace ws) {
    VectorGaussianKernel.responsibilities(k, ws.tile, ws.resp, ws.lse, ws.wt);
  }

  @Override
  void logDensities(DenseRegressionKernel kern, int j, DenseRegressionKernel.Workspace ws) {
    int t4 = ws.tile;
    double[] b = kern.beta[j];
    double[] xt = ws.xt;
    DoubleVector e0 = DoubleVector.fromArray(S, ws.yt, 0);
    DoubleVector e1 = DoubleVector.fromArray(S, ws.yt, V);
    DoubleVector e2 = DoubleVector.fromArray(S, ws.yt, 2 * V);
    DoubleVector e3 = DoubleVector.fromArray(S, ws.yt, 3 * V);
    for (int a = 0; a < kern.p; a++) {
      DoubleVector nb = DoubleVector.broadcast(S, -b[a]);
      int at = a * t4;
      e0 = DoubleVector.fromArray(S, xt, at).fma(nb, e0);
      e1 = DoubleVector.fromArray(S, xt, at + V).fma(nb, e1);
      e2 = DoubleVector.fromArray(S, xt, at + 2 * V).fma(nb, e2);
      e3 = DoubleVector.fromArray(S, xt, at + 3 * V).fma(nb, e3);
    }
    int ej = j * t4;
    e0.intoArray(ws.et, ej);
    e1.intoArray(ws.et, ej + V);
    e2.intoArray(ws.et, ej + 2 * V);
    e3.intoArray(ws.et, ej + 3 * V);
    double c = kern.constant[j];
    double nh = -kern.halfPrecision[j];
    e0.mul(e0).fma(nh, c).intoArray(ws.resp, ej);
    e1.mul(e1).fma(nh, c).intoArray(ws.resp, ej + V);
    e2.mul(e2).fma(nh, c).intoArray(ws.resp, ej + 2 * V);
    e3.mul(e3).fma(nh, c).intoArray(ws.resp, ej + 3 * V);
  }

  @Override
  void addStatistics(DenseRegressionKernel kern, int j, DenseRegressionKernel.Workspace ws) {
    int p = kern.p;
    int t4 = ws.tile;
    int rj = j * t4;
    DoubleVector r0 = DoubleVector.fromArray(S, ws.resp, rj);
    DoubleVector r1 = DoubleVector.fromArray(S, ws.resp, rj + V);
    DoubleVector r2 = DoubleVector.fromArray(S, ws.resp, rj + 2 * V);
    DoubleVector r3 = DoubleVector.fromArray(S, ws.resp, rj + 3 * V);
    int nAt = j * V;
    DoubleVector.fromArray(S, ws.accN, nAt).add(r0.add(r1).add(r2.add(r3))).intoArray(ws.accN, nAt);
    double[] acc = ws.accMoment;
    int q = j * ws.packed * V;
    for (int a = 0; a <= p; a++) {
      double[] ua = a < p ? ws.xt : ws.et;
      int at = a < p ? a * t4 : rj;
      DoubleVector ru0 = DoubleVector.fromArray(S, ua, at).mul(r0);
      DoubleVector ru1 = DoubleVector.fromArray(S, ua, at + V).mul(r1);
      DoubleVector ru2 = DoubleVector.fromArray(S, ua, at + 2 * V).mul(r2);
      DoubleVector ru3 = DoubleVector.fromArray(S, ua, at + 3 * V).mul(r3);
      for (int b = 0; b <= a; b++, q += V) {
        double[] ub = b < p ? ws.xt : ws.et;
        int bt = b < p ? b * t4 : rj;
        DoubleVector s = DoubleVector.fromArray(S, acc, q);
        s = ru0.fma(DoubleVector.fromArray(S, ub, bt), s);
        s = ru1.fma(DoubleVector.fromArray(S, ub, bt + V), s);
        s = ru2.fma(DoubleVector.fromArray(S, ub, bt + 2 * V), s);
        s = ru3.fma(DoubleVector.fromArray(S, ub, bt + 3 * V), s);
        s.intoArray(acc, q);
      }
    }
  }
}
