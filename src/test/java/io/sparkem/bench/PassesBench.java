package io.sparkem.bench;

import io.sparkem.core.Accelerator;
import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.Model;
import io.sparkem.core.StatisticsSource;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianFixtures;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.family.poisson.PoissonFamily;
import io.sparkem.family.poisson.PoissonMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Passes and wall time of plain EM against SQUAREM from the same k-means++ start, on a cached
 * Spark data set in local[2]: overlapping and well-separated Gaussian mixtures, and Hasselblad's
 * Poisson mixture (in memory). Run by hand:
 * {@code java <jvm-flags> -cp target/classes:target/test-classes:$(cat target/classpath.txt)
 * io.sparkem.bench.PassesBench [n] [d]} (defaults 200000 5).
 */
public final class PassesBench {

  private PassesBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("passes bench")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    GaussianFamily gaussian = GaussianFixtures.family(1e-6);
    for (double tol : new double[] {1e-6, 1e-8}) {
      compare("overlapping  n=" + n + " d=" + d + " k=3", gaussian,
          cached(jsc, GaussianFixtures.overlapping(new SplittableRandom(1), n, d)), 3, tol);
      compare("separated    n=" + n + " d=" + d + " k=3", gaussian,
          cached(jsc, separated(new SplittableRandom(2), n, d)), 3, tol);
    }
    LocalStatisticsSource hasselblad = LocalStatisticsSource.of(new Block(10, 1,
        new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new double[] {162, 267, 271, 185, 111, 61, 27, 8, 3, 1}));
    PoissonMixture start = new PoissonMixture(new double[] {0.3, 0.7}, new double[][] {{1.0}, {2.5}});
    for (double tol : new double[] {1e-8, 1e-14}) {
      run("poisson Hasselblad (local)", new PoissonFamily(false), List.of(start), hasselblad, tol);
    }
    spark.stop();
  }

  /** Three components at 0, 8·e₁, 8·e₂ with unit covariance: EM converges in a handful of passes. */
  static double[][] separated(SplittableRandom rng, int n, int d) {
    double[][] means = new double[3][d];
    means[1][0] = 8;
    means[2][1] = 8;
    double[][] lowers = {GaussianFixtures.identity(d), GaussianFixtures.identity(d), GaussianFixtures.identity(d)};
    return GaussianFixtures.draw(rng, n, new double[] {0.4, 0.35, 0.25}, means, lowers);
  }

  static StatisticsSource cached(JavaSparkContext jsc, double[][] rows) {
    List<Block> blocks = GaussianFixtures.split(rows, null, Math.max(2, rows.length / 4096));
    JavaRDD<Block> rdd = jsc.parallelize(blocks, 2).persist(StorageLevel.MEMORY_ONLY());
    long[] first = new long[2];
    first[1] = rdd.glom().collect().get(0).stream().mapToLong(Block::rows).sum();
    SparkData data = new SparkData(rdd, first, rows.length, rows.length, 0, List.of(), rows[0].length);
    return new SparkStatisticsSource(jsc, data);
  }

  static <M extends Model> void compare(String name, Family<M> family, StatisticsSource data, int k,
      double tol) {
    List<M> starts = Initializer.starts(family, data, k, InitMethod.KMEANS_PLUS_PLUS, 1, 42L);
    run(name, family, starts, data, tol);
  }

  static <M extends Model> void run(String name, Family<M> family, List<M> starts,
      StatisticsSource data, double tol) {
    List<String> cells = new ArrayList<>();
    double plainPasses = 0;
    double plainSeconds = 0;
    for (Accelerator a : Accelerator.values()) {
      long t0 = System.nanoTime();
      FitResult<M> fit = EmLoop.run(family, starts.get(0), data, new EmOptions(100_000, tol, a),
          IterationListener.SILENT);
      double seconds = (System.nanoTime() - t0) / 1e9;
      int passes = fit.iterations() + 1; // + the final evaluating pass
      long rejected = fit.trace().stream().filter(e -> !e.accepted()).count();
      if (a == Accelerator.NONE) {
        plainPasses = passes;
        plainSeconds = seconds;
      }
      cells.add(String.format(Locale.ROOT, "%s: %d passes (%d rejected) %.2f s LL %.6f", a.cliName(),
          passes, rejected, seconds, fit.logLikelihood()));
      if (a == Accelerator.SQUAREM) {
        cells.add(String.format(Locale.ROOT, "passes ×%.2f, time ×%.2f", plainPasses / passes,
            plainSeconds / seconds));
      }
    }
    System.out.printf(Locale.ROOT, "%-40s tol %.0e | %s%n", name, tol, String.join(" | ", cells));
  }
}
