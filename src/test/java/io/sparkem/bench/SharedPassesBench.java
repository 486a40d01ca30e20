package io.sparkem.bench;

import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What sharing passes saves: R restarts, or select's candidates k = 1..K, advance together in one
 * EM loop, one scan of each block serving every live fit (a converged fit drops out). Measured in
 * local[2] on n records (d = 10, k = 5 clusters, drawn in the executors and cached as blocks, as in
 * {@link ScalingBench}), full covariance:
 * <ul>
 *   <li>the wall time of 8 restarts against 1 (target ≤ 2.5×), and against running the 8 one after
 *       another (8 single fits);</li>
 *   <li>the wall time of candidates k = 1..8 in one loop against the largest single fit, k = 8
 *       (target ≤ 3×).</li>
 * </ul>
 * Both with a fixed number of iterations ({@code tol = 0}: every fit makes every pass, the case
 * where sharing saves least) and to convergence ({@code tol = 1e-6}, max 200 iterations).
 * Run by {@code submit/bench --shared [n]}.
 */
public final class SharedPassesBench {

  private SharedPassesBench() {}

  public static void main(String[] args) {
    long n = args.length > 0 ? (long) Double.parseDouble(args[0]) : 1_000_000;
    int d = 10;
    SparkSession spark = MllibBench.session("local[2]");
    spark.sparkContext().setLogLevel("WARN");
    // Clusters 2 apart overlap: EM keeps moving for all of a fixed-iteration run. With ScalingBench's
    // 10 apart, a good start reaches its fixed point to the last bit in 2 passes, and the loop
    // (tol 0 stops at Δ = 0 exactly) then compares 2 passes with 10.
    SparkData data = ScalingBench.cached(spark, n, d, 5, 2.0);
    List<String> report = new ArrayList<>();
    try {
      SparkStatisticsSource source = new SparkStatisticsSource(
          JavaSparkContext.fromSparkContext(spark.sparkContext()), data);
      for (EmOptions options : List.of(new EmOptions(10, 0), new EmOptions(200, 1e-6))) {
        String mode = options.tol() == 0 ? "10 iterations" : "to tol 1e-6";
        List<GaussianMixture> eight = Initializer.starts(MllibBench.FAMILY, source, 5, InitMethod.KMEANS_PLUS_PLUS,
            8, 42);
        time(source, List.of(eight.get(0)), options); // warm-up: JIT and Spark's first jobs
        double one = time(source, List.of(eight.get(0)), options);
        double sequential = one;
        for (int r = 1; r < 8; r++) {
          sequential += time(source, List.of(eight.get(r)), options);
        }
        double shared = time(source, eight, options);
        report.add(String.format(Locale.ROOT, "restarts  n=%.0e d=%d k=5 %-13s  1 restart %.2f s, 8 one after "
            + "another %.2f s, 8 sharing passes %.2f s = %.2f x one (target <= 2.5)", (double) n, d, mode, one,
            sequential, shared, shared / one));
        System.out.println(report.get(report.size() - 1));

        List<GaussianMixture> candidates = new ArrayList<>();
        for (int k = 1; k <= 8; k++) {
          candidates.add(Initializer.starts(MllibBench.FAMILY, source, k, InitMethod.KMEANS_PLUS_PLUS, 1, 42).get(0));
        }
        double largest = time(source, List.of(candidates.get(7)), options);
        double select = time(source, candidates, options);
        report.add(String.format(Locale.ROOT, "select    n=%.0e d=%d k=1..8 %-13s  largest single fit (k=8) %.2f s, "
            + "all 8 candidates sharing passes %.2f s = %.2f x (target <= 3)", (double) n, d, mode, largest,
            select, select / largest));
        System.out.println(report.get(report.size() - 1));
      }
    } finally {
      data.release();
      spark.stop();
    }
    System.out.println("== shared passes summary ==");
    report.forEach(System.out::println);
  }

  /** Seconds for the EM loop to run every start in {@code starts} together. */
  private static double time(SparkStatisticsSource source, List<GaussianMixture> starts, EmOptions options) {
    long t0 = System.nanoTime();
    List<FitResult<GaussianMixture>> fits = EmLoop.run(MllibBench.FAMILY, starts, source, options, (f, e, dl) -> {});
    double seconds = (System.nanoTime() - t0) / 1e9;
    int passes = fits.stream().mapToInt(FitResult::iterations).max().orElse(0);
    System.out.printf(Locale.ROOT, "  %d fit(s) with k=%s: %.2f s, %d passes%n", starts.size(),
        starts.stream().map(s -> String.valueOf(s.k())).distinct().reduce((a, b) -> a + "," + b).orElse(""),
        seconds, passes);
    return seconds;
  }
}
