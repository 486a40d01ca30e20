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
 * The dense regression kernel (both implementations) against a straightforward per-record
 * computation written here from the formulas: residual, Gaussian log-density, {@link LogSumExp} per
 * record, sums of r·u uᵀ in record order. Agreement to 1e-12 relative to Σ|terms| of each sum, on
 * random data with zero record weights, a component of weight 0, with and without an intercept, row
 * counts that are not a multiple of the tile, and covariates offset by 1e4.
 */
class DenseRegressionKernelTest {

  private static final double TOL = 1e-12;

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<String> impls = new ArrayList<>(List.of("scalar"));
    if (VectorRegressionKernel.create() instanceof VectorRegressionKernel) {
      impls.add("vector");
    }
    for (String impl : impls) {
      out.add(Arguments.of(impl, 1, 1, 37, true, 0.0, false));
      out.add(Arguments.of(impl, 1, 3, 301, false, 0.0, true));
      out.add(Arguments.of(impl, 2, 2, 5, true, 0.0, false));
      out.add(Arguments.of(impl, 3, 7, 1000, true, 0.0, true));
      out.add(Arguments.of(impl, 4, 3, 513, true, 1e4, false));
      out.add(Arguments.of(impl, 10, 3, 777, true, 0.0, true));
      out.add(Arguments.of(impl, 10, 5, 64, false, -3e2, false));
    }
    return out;
  }

  private static DenseRegressionKernel.Impl impl(String name) {
    return name.equals("scalar") ? new ScalarRegressionKernel() : VectorRegressionKernel.create();
  }

  @ParameterizedTest(name = "{0} d={1} k={2} n={3} intercept={4} offset={5} zeroComponent={6}")
  @MethodSource("cases")
  void kernelEqualsTheReference(String implName, int d, int k, int n, boolean intercept, double offset,
      boolean zeroComponent) {
    SplittableRandom rng = new SplittableRandom(31L * d + k + n);
    int p = d + (intercept ? 1 : 0);
    double[] weights = new double[k];
    double[][] beta = new double[k][p];
    double[] variance = new double[k];
    double total = 0;
    for (int j = 0; j < k; j++) {
      weights[j] = zeroComponent && j == k - 1 ? 0 : 0.2 + rng.nextDouble();
      total += weights[j];
      for (int a = 0; a < p; a++) {
        beta[j][a] = 2 * rng.nextGaussian();
      }
      variance[j] = 0.3 + rng.nextDouble();
    }
    for (int j = 0; j < k; j++) {
      weights[j] /= total;
    }
    int width = d + 1;
    double[] x = new double[n * width];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        x[i * width + a] = offset + rng.nextGaussian();
      }
      x[i * width + d] = offset + 3 * rng.nextGaussian();
      w[i] = rng.nextInt(5) == 0 ? 0.0 : 0.5 + rng.nextDouble();
    }

    // The reference, record by record.
    int packed = (p + 1) * (p + 2) / 2;
    double[] refN = new double[k];
    double[][] ref = new double[k][packed];
    double[][] refAbs = new double[k][packed];
    double refLl = 0;
    double refLlAbs = 0;
    double[] logp = new double[k];
    double[][] u = new double[k][p + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        double fitted = 0;
        for (int a = 0; a < p; a++) {
          double xa = intercept ? (a == 0 ? 1 : x[i * width + a - 1]) : x[i * width + a];
          u[j][a] = xa;
          fitted += beta[j][a] * xa;
        }
        double e = x[i * width + d] - fitted;
        u[j][p] = e;
        logp[j] = Math.log(weights[j]) - 0.5 * Math.log(2 * Math.PI * variance[j]) - e * e / (2 * variance[j]);
      }
      double lse = LogSumExp.of(logp);
      refLl += w[i] * lse;
      refLlAbs += Math.abs(w[i] * lse);
      for (int j = 0; j < k; j++) {
        double r = w[i] * Math.exp(logp[j] - lse);
        refN[j] += r;
        for (int a = 0, q = 0; a <= p; a++) {
          for (int b = 0; b <= a; b++, q++) {
            ref[j][q] += r * u[j][a] * u[j][b];
            refAbs[j][q] += Math.abs(r * u[j][a] * u[j][b]);
          }
        }
      }
    }

    DenseRegressionKernel kernel = DenseRegressionKernel.of(weights, beta, variance, intercept);
    DenseRegressionKernel.Impl impl = impl(implName);
    DenseRegressionKernel.Workspace ws = new DenseRegressionKernel.Workspace(k, p, intercept, impl.lanes(),
        impl.tile());
    double[] nj = new double[k];
    double[][] moment = new double[k][packed];
    // Two calls over two halves of the rows: the workspace is reused and flushed between them.
    int half = n / 2;
    double ll = impl.accumulate(kernel, half, x, w, ws, nj, moment);
    ll += impl.accumulate(kernel, n - half, java.util.Arrays.copyOfRange(x, half * width, n * width),
        java.util.Arrays.copyOfRange(w, half, n), ws, nj, moment);

    assertThat(Math.abs(ll - refLl)).isLessThanOrEqualTo(TOL * refLlAbs);
    for (int j = 0; j < k; j++) {
      assertThat(Math.abs(nj[j] - refN[j])).as("N_%d", j).isLessThanOrEqualTo(TOL * refN[j]);
      for (int q = 0; q < packed; q++) {
        assertThat(Math.abs(moment[j][q] - ref[j][q])).as("M_%d[%d]", j, q).isLessThanOrEqualTo(TOL * refAbs[j][q]);
      }
    }
    if (zeroComponent) {
      assertThat(nj[k - 1]).isZero();
    }
  }

  @org.junit.jupiter.api.Test
  void aWorkspaceOfAnotherShapeIsRefused() {
    DenseRegressionKernel kernel = DenseRegressionKernel.of(new double[] {1}, new double[][] {{1, 2}},
        new double[] {1}, true);
    DenseRegressionKernel other = DenseRegressionKernel.of(new double[] {1}, new double[][] {{1, 2}},
        new double[] {1}, false);
    assertThatThrownBy(() -> kernel.accumulate(1, new double[] {1, 2}, new double[] {1}, other.newWorkspace(),
        new double[1], new double[1][6])).isInstanceOf(IllegalArgumentException.class);
  }
}
