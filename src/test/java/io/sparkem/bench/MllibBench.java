package io.sparkem.bench;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.gaussian.FullCovariance;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.math.DenseGaussianKernel;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

/**
 * spark-em against Spark MLlib's GaussianMixture, back to back in one JVM and one SparkSession, on
 * the same cached data (read once by spark-em's own loader) and from the same initial θ
 * (spark-em's k-means++), full covariance, reg_covar = 0, the same number of iterations; the data
 * scaled by 2⁻⁶ (see {@link #SCALE}).
 * Prints per-iteration medians, the ratio, θ and log-likelihood agreement, cached bytes per row,
 * and (for one size) local[1] against local[2]. Run by {@code submit/bench}.
 *
 * <p>Timing: an iteration is E-step pass + M-step, wall time on the driver. spark-em's are timed
 * around each iteration; MLlib's (which reports none) as the interval between the ends of its
 * consecutive Spark jobs (one job per iteration), dropping the first, which also builds MLlib's
 * own cache. Before the first comparison the JVM is warmed ({@link #warmUp}; {@code bench.warmup}
 * iterations, default 40, 0 for none) and the cold iterations' median is printed beside the table.
 *
 * <p>System properties: {@code bench.data} (directory of the generated inputs, named
 * {@code gmm-N-D-K}), {@code bench.sizes} ("N,D,K;N,D,K"), {@code bench.iters},
 * {@code bench.master}, {@code bench.scaling} ("N,D,K" or "none").
 */
public final class MllibBench {

  private MllibBench() {}

  record Size(long n, int d, int k) {
    static Size parse(String s) {
      String[] p = s.trim().split(",");
      return new Size((long) Double.parseDouble(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    String path(String dir) {
      return dir + "/gmm-" + n + "-" + d + "-" + k;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "n=%.0e d=%d k=%d", (double) n, d, k);
    }
  }

  /** One comparison's results. */
  record Row(Size size, int partitions, double ours, double mllib, double[] thetaDiff, double llOurs,
      double llMllib, double bytesPerRow, double rawPerRow) {}

  static final GaussianFamily FAMILY = new GaussianFamily(new FullCovariance(), 0.0, false);

  public static void main(String[] args) {
    String dir = System.getProperty("bench.data", "target/bench-data");
    List<Size> sizes = Arrays.stream(System.getProperty("bench.sizes", "1e5,2,3;1e6,10,5;2e6,20,8").split(";"))
        .map(Size::parse).toList();
    int iters = Integer.getInteger("bench.iters", 10);
    String master = System.getProperty("bench.master", "local[2]");
    String scaling = System.getProperty("bench.scaling", "1e6,10,5");
    System.out.println("spark-em kernel: " + DenseGaussianKernel.IMPLEMENTATION + "; " + iters
        + " iterations per run; master " + master);

    SparkSession spark = session(master);
    int warmup = Integer.getInteger("bench.warmup", 40);
    if (warmup > 0) {
      warmUp(spark, sizes.get(0), dir, warmup);
    }
    List<Row> rows = new ArrayList<>();
    for (Size size : sizes) {
      rows.add(compare(spark, size, dir, iters));
    }
    printTable(rows, iters);

    if (!scaling.equals("none")) {
      Size s = Size.parse(scaling);
      double two = oursOnly(spark, s, dir, iters);
      spark.stop();
      SparkSession one = session("local[1]");
      double single = oursOnly(one, s, dir, iters);
      one.stop();
      System.out.println(String.format(Locale.ROOT,
          "scaling %s (spark-em): local[1] %.4f s/iter, %s %.4f s/iter, speed-up %.2f×", s, single, master, two,
          single / two));
    } else {
      spark.stop();
    }
  }

  /**
   * Warms the JVM before anything is timed, as JMH would: {@code iters} spark-em iterations and a
   * 3-iteration MLlib fit on {@code size}'s data, untimed in the table. A fresh driver JVM keeps
   * compiling Spark's scheduling code for its first few dozen jobs (docs/performance.md); that
   * one-off cost is printed here ("cold") so that it is seen, not hidden, and kept out of the
   * per-iteration medians of both sides.
   */
  static void warmUp(SparkSession spark, Size size, String dir, int iters) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkData data = SparkData.load(spark, InputSpec.csv(size.path(dir)), FAMILY.recordCheck());
    try {
      SparkStatisticsSource source = new SparkStatisticsSource(jsc, data);
      GaussianMixture start = Initializer.starts(FAMILY, source, size.k(), InitMethod.KMEANS_PLUS_PLUS, 1, 42).get(0);
      double[] t = new double[iters];
      run(source, start, iters, t);
      int first = Math.min(10, iters);
      System.out.println(String.format(Locale.ROOT,
          "warm-up on %s (untimed in the table): spark-em's first %d iterations in this JVM (cold) median %.4f s/iter, "
              + "its last %d %.4f s/iter", size, first, median(Arrays.copyOf(t, first)), first,
          median(Arrays.copyOfRange(t, iters - first, iters))));
      JavaRDD<Vector> vectors = Mllib.vectors(data.blocks()).cache();
      new org.apache.spark.mllib.clustering.GaussianMixture().setK(size.k()).setMaxIterations(3)
          .setConvergenceTol(0).setSeed(42).setInitialModel(Mllib.toMllib(start)).run(vectors.rdd());
      vectors.unpersist(true);
    } finally {
      data.release();
    }
  }

  static SparkSession session(String master) {
    return SparkSession.builder().master(master).appName("spark-em bench")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
  }

  static Row compare(SparkSession spark, Size size, String dir, int iters) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkData loaded = SparkData.load(spark, InputSpec.csv(size.path(dir)), FAMILY.recordCheck());
    double bytes = cachedBytes(jsc, loaded.blocks().id());
    SparkData data = scaled(loaded, SCALE);
    loaded.release();
    try {
      int partitions = data.blocks().getNumPartitions();
      SparkStatisticsSource source = new SparkStatisticsSource(jsc, data);
      GaussianMixture start = Initializer.starts(FAMILY, source, size.k(), InitMethod.KMEANS_PLUS_PLUS, 1, 42).get(0);

      double[] ourTimes = new double[iters];
      GaussianMixture ours = run(source, start, iters, ourTimes);
      double llOurs = pass(source, ours).logLikelihood();

      JavaRDD<Vector> vectors = Mllib.vectors(data.blocks()).cache();
      vectors.count();
      JobEnds ends = new JobEnds();
      spark.sparkContext().addSparkListener(ends);
      GaussianMixtureModel model = new org.apache.spark.mllib.clustering.GaussianMixture()
          .setK(size.k()).setMaxIterations(iters).setConvergenceTol(0).setSeed(42)
          .setInitialModel(Mllib.toMllib(start)).run(vectors.rdd());
      sleep(1000); // listener events arrive asynchronously: let the last job end be seen
      spark.sparkContext().removeSparkListener(ends);
      double mllib = ends.medianInterval();
      double llMllib = Mllib.logLikelihood(vectors, model);
      vectors.unpersist(true);
      GaussianMixture theirs = Mllib.fromMllib(model, new FullCovariance());
      System.out.println("  weights: start " + Arrays.toString(round(start.weights())) + ", spark-em "
          + Arrays.toString(round(ours.weights())) + ", MLlib " + Arrays.toString(round(theirs.weights())));
      Row row = new Row(size, partitions, median(ourTimes), mllib, Mllib.difference(theirs, ours), llOurs,
          llMllib, bytes / size.n(), 8.0 * size.d() + 8.0);
      System.out.println(String.format(Locale.ROOT,
          "%s: spark-em %.4f s/iter (each: %s), MLlib %.4f s/iter over %d jobs",
          size, row.ours(), times(ourTimes), mllib, ends.count()));
      return row;
    } finally {
      data.release();
    }
  }

  /**
   * Both sides run on the data times 2⁻⁶ (exact in binary: every value keeps its digits). MLlib adds
   * ε = 2.2e-16 to every π_j·f_j(x); at the generator's unit scale, rows in the tails of a d ≥ 10
   * component have densities near 1e-13, where that ε shifts their responsibilities by percents
   * and moves MLlib's Σ by ~1e-4 relative. Scaled by 2⁻⁶ every density grows by 2^(6d), ε is
   * negligible and the two implementations must agree. The cost of an iteration does not change.
   */
  static final double SCALE = 1.0 / 64;

  static SparkData scaled(SparkData data, double factor) {
    JavaRDD<Block> blocks = data.blocks().map(b -> {
      double[] x = b.x().clone();
      for (int i = 0; i < x.length; i++) {
        x[i] *= factor;
      }
      return new Block(b.rows(), b.dim(), x, b.w(), b.skipped());
    }).persist(StorageLevel.MEMORY_AND_DISK());
    blocks.count();
    return new SparkData(blocks, data.firstRow(), data.records(), data.totalWeight(), data.skipped(),
        data.features(), data.width());
  }

  /** spark-em's median seconds per iteration on this session (load, init, run). */
  static double oursOnly(SparkSession spark, Size size, String dir, int iters) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkData loaded = SparkData.load(spark, InputSpec.csv(size.path(dir)), FAMILY.recordCheck());
    SparkData data = scaled(loaded, SCALE);
    loaded.release();
    try {
      SparkStatisticsSource source = new SparkStatisticsSource(jsc, data);
      GaussianMixture start = Initializer.starts(FAMILY, source, size.k(), InitMethod.KMEANS_PLUS_PLUS, 1, 42).get(0);
      double[] t = new double[iters];
      run(source, start, iters, t);
      return median(t);
    } finally {
      data.release();
    }
  }

  /**
   * Exactly {@code iters} EM iterations (E-step pass + M-step), whatever the log-likelihood does:
   * EmLoop's loop without its convergence test, so that both sides do the same number.
   */
  static GaussianMixture run(StatisticsSource source, GaussianMixture start, int iters, double[] seconds) {
    GaussianMixture theta = start;
    for (int i = 0; i < iters; i++) {
      long t0 = System.nanoTime();
      SufficientStats stats = pass(source, theta);
      theta = FAMILY.mStep(stats, theta).model();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    return theta;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static SufficientStats pass(StatisticsSource source, GaussianMixture theta) {
    List<EStep> steps = List.of(FAMILY.eStep(theta));
    return source.pass(steps).get(0);
  }

  static double cachedBytes(JavaSparkContext jsc, int rddId) {
    for (RDDInfo info : jsc.sc().getRDDStorageInfo()) {
      if (info.id() == rddId) {
        return info.memSize() + info.diskSize();
      }
    }
    return Double.NaN;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  private static double[] round(double[] v) {
    return Arrays.stream(v).map(x -> Math.round(x * 1e4) / 1e4).toArray();
  }

  private static String times(double[] t) {
    StringBuilder sb = new StringBuilder();
    for (double v : t) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return sb.toString();
  }

  static void printTable(List<Row> rows, int iters) {
    System.out.println();
    System.out.println("| data | partitions | spark-em s/iter | MLlib s/iter | MLlib / spark-em | θ max rel. diff (π, μ, Σ) | log-lik. rel. diff | cached bytes/row (raw 8d+8) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      System.out.println(String.format(Locale.ROOT,
          "| %s | %d | %.4f | %.4f | %.1f× | %.1e, %.1e, %.1e | %.1e | %.1f (%.0f, ×%.3f) |",
          r.size(), r.partitions(), r.ours(), r.mllib(), r.mllib() / r.ours(), r.thetaDiff()[0],
          r.thetaDiff()[1], r.thetaDiff()[2], Math.abs(r.llOurs() - r.llMllib()) / Math.abs(r.llMllib()),
          r.bytesPerRow(), r.rawPerRow(), r.bytesPerRow() / r.rawPerRow()));
    }
    System.out.println("(" + iters + " iterations each from the same k-means++ θ, reg_covar 0; medians; "
        + "log-likelihoods: spark-em's exact one of its θ vs MLlib's Σ log Σ (ε + π f) of its θ)");
  }
}
