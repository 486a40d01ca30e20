package io.sparkem.bench;

import io.sparkem.math.Cholesky;
import io.sparkem.math.DenseGaussianKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Microbenchmark of the per-block E-step kernel ({@link DenseGaussianKernel}) without Spark: blocks
 * of the size spark-em caches, one workspace per thread, reporting GFLOP/s with the count
 * of 3·n·k·d² flops per pass (full covariance). Run by {@code submit/bench --kernel}.
 *
 * <p>Arguments: {@code n d k [threads] [seconds]} triples are given as "n,d,k" strings.
 */
public final class KernelBench {

  private KernelBench() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(System.getProperty("bench.threads", "1"));
    double seconds = Double.parseDouble(System.getProperty("bench.seconds", "3"));
    System.out.println("kernel implementation: " + DenseGaussianKernel.IMPLEMENTATION + ", threads: " + threads);
    for (String spec : args) {
      String[] p = spec.split(",");
      run(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), threads, seconds);
    }
  }

  static void run(int n, int d, int k, int threads, double seconds) throws Exception {
    SplittableRandom rng = new SplittableRandom(7);
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    Cholesky[] factors = new Cholesky[k];
    for (int j = 0; j < k; j++) {
      weights[j] = 1.0 / k;
      double[] cov = new double[d * d];
      for (int a = 0; a < d; a++) {
        means[j][a] = 10 * rng.nextGaussian();
        cov[a * d + a] = 1 + rng.nextDouble();
        for (int b = 0; b < a; b++) {
          cov[a * d + b] = cov[b * d + a] = 0.1 / d;
        }
      }
      factors[j] = Cholesky.of(cov, d).orElseThrow();
    }
    DenseGaussianKernel kernel = DenseGaussianKernel.of(weights, means, factors);
    int blockRows = Math.max(64, Math.min(8192, (1 << 17) / d)); // as spark.BlockBuilder
    int blocks = Math.max(1, n / blockRows);
    List<double[]> xs = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      double[] x = new double[blockRows * d];
      for (int i = 0; i < blockRows; i++) {
        double[] mu = means[rng.nextInt(k)];
        for (int a = 0; a < d; a++) {
          x[i * d + a] = mu[a] + rng.nextGaussian();
        }
      }
      xs.add(x);
    }
    double[] w = new double[blockRows];
    java.util.Arrays.fill(w, 1.0);
    long rowsPerPass = (long) blocks * blockRows;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double best = Double.MAX_VALUE;
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      int passes = 0;
      while (passes < 3 || System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        List<Future<Double>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int first = t;
          parts.add(pool.submit(() -> {
            DenseGaussianKernel.Workspace ws = kernel.newWorkspace();
            double[] nj = new double[k];
            double[][] s1 = new double[k][d];
            double[][] s2 = new double[k][d * (d + 1) / 2];
            double ll = 0;
            for (int b = first; b < xs.size(); b += threads) {
              ll += kernel.accumulate(blockRows, xs.get(b), w, ws, nj, s1, s2);
            }
            return ll;
          }));
        }
        for (Future<Double> f : parts) {
          f.get();
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        passes++;
      }
      double flops = 3.0 * rowsPerPass * k * d * d;
      System.out.println(String.format(Locale.ROOT,
          "kernel n=%d d=%d k=%d: best pass %.4f s = %.1f ns/row  %.2f GFLOP/s (3·n·k·d²)  over %d passes",
          rowsPerPass, d, k, best, best * 1e9 / rowsPerPass, flops / best / 1e9, passes));
    } finally {
      pool.shutdown();
    }
  }
}
