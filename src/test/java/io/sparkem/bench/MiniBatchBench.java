package io.sparkem.bench;

import io.sparkem.testing.Data;
import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.StatisticsSource;
import io.sparkem.family.gaussian.FullCovariance;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianFixtures;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Mini-batch EM and missing values on a cached Spark data set in local[2] (a sibling of
 * {@link PassesBench}):
 * <ol>
 *   <li>records read and wall time of full-batch EM (--tol 1e-6) against --mini-batch F (--tol
 *       1e-3, the settle rule of {@link io.sparkem.core.StepwiseEm}) from the same k-means++ start,
 *       and how far the final (exact, full-pass) mean log-likelihood is from full batch's;</li>
 *   <li>seconds per pass of the --missing marginalize E-step with 10% of the cells missing at
 *       random against the same data complete (median of 7 passes, same θ).</li>
 * </ol>
 * Run by hand: {@code java <jvm-flags> -cp target/classes:target/test-classes:$(cat
 * target/classpath.txt) io.sparkem.bench.MiniBatchBench [n] [d]} (defaults 1000000 5).
 */
public final class MiniBatchBench {

  private MiniBatchBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? (int) Double.parseDouble(args[0]) : 1_000_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("mini-batch bench")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    GaussianFamily family = GaussianFixtures.family(1e-6);

    boolean missingOnly = args.length > 2 && args[2].equals("missing");
    double[][] separated = PassesBench.separated(new SplittableRandom(2), n, d);
    double[][] overlapping = missingOnly ? null : GaussianFixtures.overlapping(new SplittableRandom(1), n, d);
    for (String name : missingOnly ? new String[0] : new String[] {"separated", "overlapping"}) {
      double[][] rows = name.equals("separated") ? separated : overlapping;
      StatisticsSource data = cached(jsc, rows);
      miniBatch(name + " n=" + n + " d=" + d + " k=3", family, data);
    }

    double[][] holes = Data.withMissingCells(separated, 0.1, new SplittableRandom(3));
    GaussianFamily marginalize = new GaussianFamily(new FullCovariance(), 1e-6, false, true);
    StatisticsSource complete = cached(jsc, separated);
    GaussianMixture theta = Initializer.starts(family, complete, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 42L).get(0);
    double plain = secondsPerPass(complete, family.eStep(theta));
    double flagNoNaN = secondsPerPass(complete, marginalize.eStep(theta));
    double tenPercent = secondsPerPass(cached(jsc, holes), marginalize.eStep(theta));
    System.out.printf(Locale.ROOT, "missing n=%d d=%d k=3 | complete, plain E-step %.3f s/pass | complete, "
        + "marginalize %.3f s/pass | 10%% cells missing, marginalize %.3f s/pass (×%.2f)%n",
        n, d, plain, flagNoNaN, tenPercent, tenPercent / plain);
    // The same in memory on one thread: the E-step's own cost, without Spark's per-job overhead.
    StatisticsSource localComplete = new io.sparkem.core.LocalStatisticsSource(
        GaussianFixtures.split(separated, null, Math.max(2, n / 4096)));
    StatisticsSource localHoles = new io.sparkem.core.LocalStatisticsSource(
        GaussianFixtures.split(holes, null, Math.max(2, n / 4096)));
    double localPlain = secondsPerPass(localComplete, family.eStep(theta));
    double localHoled = secondsPerPass(localHoles, marginalize.eStep(theta));
    System.out.printf(Locale.ROOT, "missing n=%d d=%d k=3, in memory, 1 thread | complete %.3f s/pass "
        + "(%.0f ns/row) | 10%% cells missing (%.0f%% of rows incomplete) %.3f s/pass (×%.2f)%n",
        n, d, localPlain, 1e9 * localPlain / n, 100 * (1 - Math.pow(0.9, d)), localHoled, localHoled / localPlain);
    spark.stop();
  }

  private static void miniBatch(String name, GaussianFamily family, StatisticsSource data) {
    GaussianMixture start = Initializer.starts(family, data, 3, InitMethod.KMEANS_PLUS_PLUS, 1, 42L).get(0);
    long t0 = System.nanoTime();
    FitResult<GaussianMixture> full = EmLoop.run(family, start, data, new EmOptions(10_000, 1e-6),
        IterationListener.SILENT);
    double fullSeconds = (System.nanoTime() - t0) / 1e9;
    double w = data.totalWeight();
    System.out.printf(Locale.ROOT, "%-32s full batch: %d passes, %d records read, %.2f s, mean LL %.6f%n",
        name, full.iterations() + 1, full.recordsRead(), fullSeconds, full.logLikelihood() / w);
    for (double f : new double[] {0.02, 0.05, 0.1, 0.2}) {
      long t1 = System.nanoTime();
      FitResult<GaussianMixture> mini = EmLoop.run(family, start, data,
          new EmOptions(1000, 1e-3, null, new MiniBatch(f, 42)), IterationListener.SILENT);
      double seconds = (System.nanoTime() - t1) / 1e9;
      double rel = (mini.logLikelihood() - full.logLikelihood()) / Math.abs(full.logLikelihood());
      System.out.printf(Locale.ROOT, "%-32s F=%.2f: %d steps (%s) + 1 full pass, %d records read "
          + "(%.1f%% of full batch), %.2f s (%.1f%%), mean LL %.6f, relative to full batch %+.1e%n",
          name, f, mini.iterations(), mini.converged() ? "settled" : "max-iter", mini.recordsRead(),
          100.0 * mini.recordsRead() / full.recordsRead(), seconds, 100 * seconds / fullSeconds,
          mini.logLikelihood() / w, rel);
    }
  }

  private static double secondsPerPass(StatisticsSource data, EStep step) {
    double[] s = new double[7];
    data.pass(List.of(step)); // warm-up
    for (int i = 0; i < s.length; i++) {
      long t0 = System.nanoTime();
      data.pass(List.of(step));
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** Blocks of 4,096 rows in 2 partitions, cached (block indices then run per partition). */
  static StatisticsSource cached(JavaSparkContext jsc, double[][] rows) {
    List<Block> blocks = GaussianFixtures.split(rows, null, Math.max(2, rows.length / 4096));
    JavaRDD<Block> rdd = jsc.parallelize(new ArrayList<>(blocks), 2).persist(StorageLevel.MEMORY_ONLY());
    long[] first = new long[2];
    first[1] = rdd.glom().collect().get(0).stream().mapToLong(Block::rows).sum();
    SparkData data = new SparkData(rdd, first, rows.length, rows.length, 0, List.of(), rows[0].length);
    return new SparkStatisticsSource(jsc, data);
  }
}
