package io.sparkem.math;

/**
 * {@link DenseGaussianKernel} in plain Java, for JVMs without {@code jdk.incubator.vector}: the same
 * tiles and order of work, with loops across the tile's rows that the JIT can vectorise, and one
 * accumulator lane.
 */
final class ScalarGaussianKernel extends DenseGaussianKernel.Impl {

  static final int TILE = 64;

  @Override
  String name() {
    return "scalar";
  }

  @Override
  int lanes() {
    return 1;
  }

  @Override
  int tile() {
    return TILE;
  }

  @Override
  double tile(DenseGaussianKernel kern, DenseGaussianKernel.Workspace ws, int m) {
    for (int j = 0; j < kern.k; j++) {
      logDensities(kern, j, ws);
    }
    responsibilities(kern.k, ws.resp, ws.lse, ws.wt);
    double ll = ws.tileLogLikelihood(m);
    for (int j = 0; j < kern.k; j++) {
      addStatistics(kern, j, ws);
    }
    return ll;
  }

  private static void logDensities(DenseGaussianKernel kern, int j, DenseGaussianKernel.Workspace ws) {
    int d = kern.d;
    double[] mu = kern.means[j];
    double[] l = kern.lower[j];
    double[] xt = ws.xt;
    double[] zt = ws.yt;
    double[] q = ws.lse; // scratch: the tile's squared distances
    java.util.Arrays.fill(q, 0);
    for (int a = 0; a < d; a++) {
      int at = a * TILE;
      double ma = mu[a];
      for (int i = 0; i < TILE; i++) {
        zt[at + i] = xt[at + i] - ma;
      }
      for (int t = 0; t < a; t++) {
        double lt = l[a * d + t];
        int tt = t * TILE;
        for (int i = 0; i < TILE; i++) {
          zt[at + i] -= lt * zt[tt + i];
        }
      }
      double ia = kern.inverseDiagonal[j][a];
      for (int i = 0; i < TILE; i++) {
        double z = zt[at + i] * ia;
        zt[at + i] = z;
        q[i] += z * z;
      }
    }
    double c = kern.constant[j];
    int out = j * TILE;
    for (int i = 0; i < TILE; i++) {
      ws.resp[out + i] = c - 0.5 * q[i];
    }
  }

  /**
   * Per row i of a tile of {@value #TILE} rows: lse_i = log Σ_j exp(l_ij) (shifted by the maximum),
   * then r_ij = w_i·exp(l_ij − lse_i). {@code resp} holds l (k × tile) on entry and r on return.
   * exp and log are {@link ExpLog}'s: the same bits as the vector kernel's, compiled or interpreted.
   * Shared with {@link ScalarRegressionKernel}.
   */
  static void responsibilities(int k, double[] resp, double[] lse, double[] wt) {
    for (int i = 0; i < TILE; i++) {
      double max = resp[i];
      for (int j = 1; j < k; j++) {
        max = Math.max(max, resp[j * TILE + i]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = ExpLog.exp(resp[j * TILE + i] - max);
        resp[j * TILE + i] = e;
        sum += e;
      }
      lse[i] = max + ExpLog.log(sum);
      double scale = wt[i] / sum;
      for (int j = 0; j < k; j++) {
        resp[j * TILE + i] *= scale;
      }
    }
  }

  private static void addStatistics(DenseGaussianKernel kern, int j, DenseGaussianKernel.Workspace ws) {
    int d = kern.d;
    double[] mu = kern.means[j];
    double[] xt = ws.xt;
    double[] yt = ws.yt;
    double[] resp = ws.resp;
    int rj = j * TILE;
    double sn = 0;
    for (int i = 0; i < TILE; i++) {
      sn += resp[rj + i];
    }
    ws.accN[j] += sn;
    for (int a = 0; a < d; a++) {
      int at = a * TILE;
      double ma = mu[a];
      for (int i = 0; i < TILE; i++) {
        yt[at + i] = xt[at + i] - ma;
      }
    }
    int p = j * ws.packed;
    for (int a = 0; a < d; a++) {
      int at = a * TILE;
      double s1 = 0;
      for (int i = 0; i < TILE; i++) {
        s1 += resp[rj + i] * yt[at + i];
      }
      ws.accFirst[j * d + a] += s1;
      for (int b = 0; b <= a; b++, p++) {
        int bt = b * TILE;
        double s = 0;
        for (int i = 0; i < TILE; i++) {
          s += resp[rj + i] * yt[at + i] * yt[bt + i];
        }
        ws.accMoment[p] += s;
      }
    }
  }
}
