package io.sparkem.math;

/**
 * {@link DenseRegressionKernel} in plain Java, for JVMs without {@code jdk.incubator.vector}: the
 * same tiles and order of work as the vector one, with loops across the tile's rows and one
 * accumulator lane.
 */
final class ScalarRegressionKernel extends DenseRegressionKernel.Impl {

  private static final int TILE = ScalarGaussianKernel.TILE;

  ScalarRegressionKernel() {
    super("scalar", 1, TILE);
  }

  @Override
  void responsibilities(int k, DenseRegressionKernel.Workspace ws) {
    ScalarGaussianKernel.responsibilities(k, ws.resp, ws.lse, ws.wt);
  }

  @Override
  void logDensities(DenseRegressionKernel kern, int j, DenseRegressionKernel.Workspace ws) {
    double[] b = kern.beta[j];
    double[] xt = ws.xt;
    double[] e = ws.et;
    int ej = j * TILE;
    System.arraycopy(ws.yt, 0, e, ej, TILE);
    for (int a = 0; a < kern.p; a++) {
      double ba = b[a];
      int at = a * TILE;
      for (int i = 0; i < TILE; i++) {
        e[ej + i] -= ba * xt[at + i];
      }
    }
    double c = kern.constant[j];
    double h = kern.halfPrecision[j];
    for (int i = 0; i < TILE; i++) {
      ws.resp[ej + i] = c - h * e[ej + i] * e[ej + i];
    }
  }

  @Override
  void addStatistics(DenseRegressionKernel kern, int j, DenseRegressionKernel.Workspace ws) {
    int p = kern.p;
    double[] resp = ws.resp;
    int rj = j * TILE;
    double sn = 0;
    for (int i = 0; i < TILE; i++) {
      sn += resp[rj + i];
    }
    ws.accN[j] += sn;
    int q = j * ws.packed;
    for (int a = 0; a <= p; a++) {
      double[] ua = a < p ? ws.xt : ws.et;
      int at = a < p ? a * TILE : rj;
      for (int b = 0; b <= a; b++, q++) {
        double[] ub = b < p ? ws.xt : ws.et;
        int bt = b < p ? b * TILE : rj;
        double s = 0;
        for (int i = 0; i < TILE; i++) {
          s += resp[rj + i] * ua[at + i] * ub[bt + i];
        }
        ws.accMoment[q] += s;
      }
    }
  }
}
