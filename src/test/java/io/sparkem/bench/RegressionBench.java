package io.sparkem.bench;

import io.sparkem.core.Block;
import io.sparkem.core.Family;
import io.sparkem.core.Generative;
import io.sparkem.core.Model;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.gaussian.FullCovariance;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.regression.RegressionFamily;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Seconds per EM iteration of a mixture of regressions beside a full-covariance Gaussian mixture
 * of the same size, in one local[2] session: n records, d covariates (the regression's blocks hold
 * d + 1 values, y last) or d features, k components. The records are drawn inside the executors
 * from each family's own generator (a fixed seed per partition, 8 partitions per million rows) and
 * cached as spark-em's blocks, as the loader would cache them. After an unreported warm-up of both
 * families on 2e5 rows, each side: the default start (timed), then {@code iters} iterations of one
 * E-step pass and one M-step, timed one by one; the median is reported. Run by
 * {@code submit/bench --regression}.
 *
 * <p>Arguments: {@code [iters] [n] [d] [k]} (defaults 10, 1e7, 10, 3).
 */
public final class RegressionBench {

  private RegressionBench() {}

  public static void main(String[] args) {
    int iters = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long n = args.length > 1 ? (long) Double.parseDouble(args[1]) : 10_000_000L;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    SparkSession spark = MllibBench.session("local[2]");
    spark.sparkContext().setLogLevel("WARN");
    // Warm-up, not reported: whichever family ran first in a cold JVM paid for the JIT (1e7 rows:
    // the first one measured twice its warm time).
    run(spark, new RegressionFamily(true, 1e-6, false), 200_000, d, k, 3);
    run(spark, new GaussianFamily(new FullCovariance(), 1e-6, false), 200_000, d, k, 3);
    List<String> lines = new ArrayList<>();
    lines.add(run(spark, new RegressionFamily(true, 1e-6, false), n, d, k, iters));
    lines.add(run(spark, new GaussianFamily(new FullCovariance(), 1e-6, false), n, d, k, iters));
    spark.stop();
    System.out.println("== regression against gaussian (local[2]) ==");
    lines.forEach(System.out::println);
  }

  static <M extends Model> String run(SparkSession spark, Family<M> family, long n, int d, int k, int iters) {
    Generative<M> gen = family.generator().orElseThrow();
    M truth = gen.randomTruth(k, d, new SplittableRandom(42));
    SparkData data = cached(spark, gen, truth, n);
    try {
      SparkStatisticsSource source = new SparkStatisticsSource(
          JavaSparkContext.fromSparkContext(spark.sparkContext()), data);
      long t0 = System.nanoTime();
      M theta = Initializer.starts(family, source, k, InitMethod.KMEANS_PLUS_PLUS, 1, 42).get(0);
      double init = (System.nanoTime() - t0) / 1e9;
      double[] seconds = new double[iters];
      double ll = Double.NaN;
      for (int i = 0; i < iters; i++) {
        long t = System.nanoTime();
        SufficientStats stats = source.pass(List.of(family.eStep(theta))).get(0);
        theta = family.mStep(stats, theta).model();
        seconds[i] = (System.nanoTime() - t) / 1e9;
        ll = stats.logLikelihood() / stats.totalWeight();
      }
      double median = MllibBench.median(seconds);
      String line = String.format(Locale.ROOT,
          "%-10s n=%.0e d=%d k=%d  start %.2f s  %.3f s/iter (median of %d)  %.1f ns/row  LL/record %.4f",
          family.name(), (double) n, d, k, init, median, iters, median / n * 1e9, ll);
      System.out.println(line);
      return line;
    } finally {
      data.release();
    }
  }

  /** n records of θ drawn in the executors (8 partitions per million rows), cached as blocks. */
  static <M extends Model> SparkData cached(SparkSession spark, Generative<M> gen, M theta, long n) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = (int) Math.max(8, 8 * n / 1_000_000);
    long perPartition = n / partitions;
    Generative.Sampler sampler = gen.sampler(theta);
    double[] weights = gen.weights(theta);
    JavaRDD<Block> blocks = jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
        .mapPartitions(ps -> draw(ps.next(), perPartition, sampler, weights));
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    long[] first = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      first[p] = p * perPartition;
    }
    blocks.count();
    long records = perPartition * partitions;
    return new SparkData(blocks, first, records, records, 0, gen.columnNames(theta), sampler.width());
  }

  private static Iterator<Block> draw(int partition, long rows, Generative.Sampler sampler, double[] weights) {
    SplittableRandom random = new SplittableRandom(1_000_003L * partition + 17);
    int width = sampler.width();
    int blockRows = Math.max(64, Math.min(8192, (1 << 17) / width)); // as the loader's BlockBuilder
    double[] row = new double[width];
    List<Block> out = new ArrayList<>();
    for (long done = 0; done < rows; ) {
      int m = (int) Math.min(blockRows, rows - done);
      double[] x = new double[m * width];
      double[] w = new double[m];
      for (int i = 0; i < m; i++) {
        double u = random.nextDouble();
        int j = 0;
        while (j < weights.length - 1 && u >= weights[j]) {
          u -= weights[j];
          j++;
        }
        sampler.draw(j, random, row);
        System.arraycopy(row, 0, x, i * width, width);
        w[i] = 1.0;
      }
      out.add(new Block(m, width, x, w));
      done += m;
    }
    return out.iterator();
  }
}
