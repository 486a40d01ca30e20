package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dense kernel (both implementations) against a straightforward per-record computation:
 * Cholesky solve per record and component, {@link LogSumExp} per record, sums in record order.
 * Agreement is required to 1e-12 relative to Σ|terms| of each sum (the bound that rounding of a
 * sum of this length can reach), on random data with zero record weights, a component of weight
 * 0, row counts that are not a multiple of the tile, and data offset by 1e9.
 */
class DenseGaussianKernelTest {

  private static final double TOL = 1e-12;

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String impl : implementations()) {
      out.add(Arguments.of(impl, 1, 1, 37, 0.0, false));
      out.add(Arguments.of(impl, 1, 7, 301, 0.0, true));
      out.add(Arguments.of(impl, 2, 1, 5, 0.0, false));
      out.add(Arguments.of(impl, 2, 7, 1000, 0.0, true));
      out.add(Arguments.of(impl, 2, 3, 513, 1e9, false));
      out.add(Arguments.of(impl, 17, 1, 200, 0.0, false));
      out.add(Arguments.of(impl, 17, 7, 777, 0.0, true));
      out.add(Arguments.of(impl, 17, 7, 257, 1e9, true));
      out.add(Arguments.of(impl, 10, 5, 64, -3e5, false));
    }
    return out;
  }

  private static List<String> implementations() {
    List<String> names = new ArrayList<>(List.of("scalar"));
    try {
      if (VectorGaussianKernel.create() != null) {
        names.add("vector");
      }
    } catch (LinkageError e) {
      // no vector module in this JVM: only the plain kernel can be tested
    }
    return names;
  }

  private static DenseGaussianKernel.Impl impl(String name) {
    return name.equals("scalar") ? new ScalarGaussianKernel() : VectorGaussianKernel.create();
  }

  /** A random θ and data drawn near its means (plus offset), with some zero weights. */
  private record Problem(double[] weights, double[][] means, double[][] cov, double[] x, double[] w, int n, int d) {}

  private static Problem problem(int d, int k, int n, double offset, boolean zeroComponent, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    double[][] cov = new double[k][];
    for (int j = 0; j < k; j++) {
      weights[j] = 0.2 + rng.nextDouble();
      for (int a = 0; a < d; a++) {
        means[j][a] = offset + 3 * rng.nextGaussian();
      }
      double[] m = new double[d * d];
      for (int i = 0; i < m.length; i++) {
        m[i] = rng.nextGaussian() / Math.sqrt(d);
      }
      double[] s = new double[d * d];
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          double v = r == c ? 0.3 : 0;
          for (int t = 0; t < d; t++) {
            v += m[r * d + t] * m[c * d + t];
          }
          s[r * d + c] = v;
        }
      }
      cov[j] = s;
    }
    if (zeroComponent && k > 1) {
      weights[k - 1] = 0;
    }
    double total = 0;
    for (double v : weights) {
      total += v;
    }
    for (int j = 0; j < k; j++) {
      weights[j] /= total;
    }
    double[] x = new double[n * d];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int j = rng.nextInt(k);
      for (int a = 0; a < d; a++) {
        x[i * d + a] = means[j][a] + 1.5 * rng.nextGaussian();
      }
      w[i] = rng.nextInt(5) == 0 ? 0.0 : 0.5 + rng.nextDouble();
    }
    return new Problem(weights, means, cov, x, w, n, d);
  }

  /** Exact sums and Σ|terms| (for the tolerance) of the straightforward computation. */
  private static final class Reference {
    double ll;
    double llAbs;
    double[] n;
    double[][] first;
    double[][] firstAbs;
    double[][] moment;
    double[][] momentAbs;

    Reference(Problem p) {
      int k = p.weights.length;
      int d = p.d;
      n = new double[k];
      first = new double[k][d];
      firstAbs = new double[k][d];
      moment = new double[k][d * (d + 1) / 2];
      momentAbs = new double[k][d * (d + 1) / 2];
      Cholesky[] chol = new Cholesky[k];
      for (int j = 0; j < k; j++) {
        chol[j] = Cholesky.of(p.cov[j], d).orElseThrow();
      }
      double[] logp = new double[k];
      double[] y = new double[d];
      for (int i = 0; i < p.n; i++) {
        for (int j = 0; j < k; j++) {
          for (int a = 0; a < d; a++) {
            y[a] = p.x[i * d + a] - p.means[j][a];
          }
          chol[j].forwardSolveInPlace(y, 0);
          double q = 0;
          for (int a = 0; a < d; a++) {
            q += y[a] * y[a];
          }
          logp[j] = Math.log(p.weights[j]) - 0.5 * (d * Math.log(2 * Math.PI) + chol[j].logDeterminant() + q);
        }
        double lse = LogSumExp.of(logp);
        ll += p.w[i] * lse;
        llAbs += Math.abs(p.w[i] * lse);
        for (int j = 0; j < k; j++) {
          double r = p.w[i] * Math.exp(logp[j] - lse);
          n[j] += r;
          int at = 0;
          for (int a = 0; a < d; a++) {
            double ya = p.x[i * d + a] - p.means[j][a];
            first[j][a] += r * ya;
            firstAbs[j][a] += Math.abs(r * ya);
            for (int b = 0; b <= a; b++, at++) {
              double yb = p.x[i * d + b] - p.means[j][b];
              moment[j][at] += r * ya * yb;
              momentAbs[j][at] += Math.abs(r * ya * yb);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} d={1} k={2} n={3} offset={4} zeroComponent={5}")
  @MethodSource("cases")
  void kernelEqualsTheReference(String implName, int d, int k, int n, double offset, boolean zeroComponent) {
    Problem p = problem(d, k, n, offset, zeroComponent, 31L * d + k + n);
    Reference ref = new Reference(p);
    Cholesky[] factors = new Cholesky[k];
    for (int j = 0; j < k; j++) {
      factors[j] = Cholesky.of(p.cov[j], d).orElseThrow();
    }
    DenseGaussianKernel kernel = DenseGaussianKernel.of(p.weights, p.means, factors);
    DenseGaussianKernel.Impl impl = impl(implName);
    DenseGaussianKernel.Workspace ws = new DenseGaussianKernel.Workspace(k, d, impl.lanes(), impl.tile());
    double[] nj = new double[k];
    double[][] first = new double[k][d];
    double[][] moment = new double[k][d * (d + 1) / 2];
    // Two calls over two halves of the rows: the workspace is reused and flushed between them.
    int half = n / 2;
    double ll = impl.accumulate(kernel, half, p.x, p.w, ws, nj, first, moment);
    double[] x2 = java.util.Arrays.copyOfRange(p.x, half * d, n * d);
    double[] w2 = java.util.Arrays.copyOfRange(p.w, half, n);
    ll += impl.accumulate(kernel, n - half, x2, w2, ws, nj, first, moment);

    assertThat(Math.abs(ll - ref.ll)).isLessThanOrEqualTo(TOL * ref.llAbs);
    for (int j = 0; j < k; j++) {
      assertThat(Math.abs(nj[j] - ref.n[j])).as("N_%d", j).isLessThanOrEqualTo(TOL * ref.n[j]);
      for (int a = 0; a < d; a++) {
        assertThat(Math.abs(first[j][a] - ref.first[j][a])).as("S1_%d[%d]", j, a)
            .isLessThanOrEqualTo(TOL * ref.firstAbs[j][a]);
      }
      for (int t = 0; t < moment[j].length; t++) {
        assertThat(Math.abs(moment[j][t] - ref.moment[j][t])).as("S2_%d[%d]", j, t)
            .isLessThanOrEqualTo(TOL * ref.momentAbs[j][t]);
      }
    }
    if (zeroComponent && k > 1) {
      assertThat(nj[k - 1]).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("implementations")
  void aRecordWithNoFiniteLikelihoodIsAnError(String implName) {
    Problem p = problem(2, 2, 10, 0, false, 5);
    Cholesky[] factors = {Cholesky.of(p.cov[0], 2).orElseThrow(), Cholesky.of(p.cov[1], 2).orElseThrow()};
    DenseGaussianKernel kernel = DenseGaussianKernel.of(new double[] {0, 0}, p.means, factors);
    DenseGaussianKernel.Impl impl = impl(implName);
    DenseGaussianKernel.Workspace ws = new DenseGaussianKernel.Workspace(2, 2, impl.lanes(), impl.tile());
    assertThatThrownBy(() -> impl.accumulate(kernel, 10, p.x, p.w, ws, new double[2], new double[2][2],
        new double[2][3])).isInstanceOf(IllegalStateException.class).hasMessageContaining("no finite likelihood");
  }
}
