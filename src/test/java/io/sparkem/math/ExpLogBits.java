package io.sparkem.math;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Digests of the bits that {@link ExpLog}, {@link VectorExpLog} and both dense Gaussian kernels give
 * on fixed inputs, for {@link ExpLogTest}: the test compares this JVM's digests after warm-up with a
 * child JVM's under {@code -Xint}. {@code main} prints one digest per line.
 */
final class ExpLogBits {

  private ExpLogBits() {}

  public static void main(String[] args) {
    for (String line : digests()) {
      System.out.println(line);
    }
  }

  /** "name hex" lines: scalar and vector exp and log, and each kernel's statistics. */
  static List<String> digests() {
    double[] ex = expInputs();
    double[] lx = logInputs();
    List<String> out = new ArrayList<>();
    long h = 17;
    for (double v : ex) {
      h = mix(h, ExpLog.exp(v));
    }
    out.add("exp-scalar " + Long.toHexString(h));
    h = 17;
    for (double v : lx) {
      h = mix(h, ExpLog.log(v));
    }
    out.add("log-scalar " + Long.toHexString(h));
    out.add("kernel-scalar " + Long.toHexString(kernel(new ScalarGaussianKernel())));
    if (VectorKernels.available()) {
      out.add("exp-vector " + Long.toHexString(VectorKernels.expDigest(ex)));
      out.add("log-vector " + Long.toHexString(VectorKernels.logDigest(lx)));
      out.add("kernel-vector " + Long.toHexString(kernel(VectorGaussianKernel.create())));
    }
    return out;
  }

  static long mix(long h, double v) {
    long b = Double.doubleToLongBits(v); // NaNs collapse to one pattern
    h ^= b;
    h *= 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  /** 2¹⁶ lengths of 8: over the whole range, dense over the E-step's [−40, 0], and special values. */
  static double[] expInputs() {
    SplittableRandom rng = new SplittableRandom(11);
    double[] x = new double[1 << 16];
    for (int i = 0; i < x.length; i++) {
      x[i] = switch (i % 4) {
        case 0 -> -760 + 1480 * rng.nextDouble();
        case 1, 2 -> -40 * rng.nextDouble();
        default -> -1e-3 * rng.nextDouble();
      };
    }
    double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0,
        ExpLog.EXP_ZERO, ExpLog.EXP_OVERFLOW, 709.5, 709.0, -745.2, -708.05, 709.79, 1e300};
    System.arraycopy(special, 0, x, 0, special.length);
    return x;
  }

  /** 2¹⁶ inputs: random positive bit patterns, [1, 16] (the E-step's sums), special values. */
  static double[] logInputs() {
    SplittableRandom rng = new SplittableRandom(12);
    double[] x = new double[1 << 16];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 2 == 0 ? Double.longBitsToDouble(rng.nextLong() & 0x7fefffffffffffffL) : 1 + 15 * rng.nextDouble();
    }
    double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, -1.0,
        Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, 1.0};
    System.arraycopy(special, 0, x, 0, special.length);
    return x;
  }

  /** Digest of a kernel's statistics and log-likelihood on a fixed problem (d = 6, k = 4, 1001 rows). */
  static long kernel(DenseGaussianKernel.Impl impl) {
    int d = 6;
    int k = 4;
    int n = 1001;
    SplittableRandom rng = new SplittableRandom(13);
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    Cholesky[] factors = new Cholesky[k];
    for (int j = 0; j < k; j++) {
      weights[j] = 1.0 / k;
      double[] cov = new double[d * d];
      for (int a = 0; a < d; a++) {
        means[j][a] = 4 * rng.nextGaussian();
        cov[a * d + a] = 0.5 + rng.nextDouble();
        for (int b = 0; b < a; b++) {
          cov[a * d + b] = cov[b * d + a] = 0.1 * rng.nextDouble();
        }
      }
      factors[j] = Cholesky.of(cov, d).orElseThrow();
    }
    double[] x = new double[n * d];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        x[i * d + a] = 6 * rng.nextGaussian();
      }
      w[i] = rng.nextDouble();
    }
    DenseGaussianKernel kern = DenseGaussianKernel.of(weights, means, factors);
    DenseGaussianKernel.Workspace ws = new DenseGaussianKernel.Workspace(k, d, impl.lanes(), impl.tile());
    double[] nj = new double[k];
    double[][] first = new double[k][d];
    double[][] moment = new double[k][d * (d + 1) / 2];
    long h = mix(17, impl.accumulate(kern, n, x, w, ws, nj, first, moment));
    for (int j = 0; j < k; j++) {
      h = mix(h, nj[j]);
      for (double v : first[j]) {
        h = mix(h, v);
      }
      for (double v : moment[j]) {
        h = mix(h, v);
      }
    }
    return h;
  }

  /** The vector side, in a class of its own so that the scalar side loads without the vector module. */
  static final class VectorKernels {
    private VectorKernels() {}

    static boolean available() {
      try {
        return VectorGaussianKernel.create() != null;
      } catch (LinkageError e) {
        return false;
      }
    }

    static long expDigest(double[] x) {
      return digest(x, true);
    }

    static long logDigest(double[] x) {
      return digest(x, false);
    }

    private static long digest(double[] x, boolean exp) {
      var species = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;
      double[] out = new double[x.length];
      for (int i = 0; i < x.length; i += species.length()) {
        var v = jdk.incubator.vector.DoubleVector.fromArray(species, x, i);
        (exp ? VectorExpLog.exp(v) : VectorExpLog.log(v)).intoArray(out, i);
      }
      long h = 17;
      for (double v : out) {
        h = mix(h, v);
      }
      return h;
    }
  }
}
