package io.sparkem.bench;

import io.sparkem.core.Block;
import io.sparkem.family.gaussian.GaussianMixture;
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
 * How spark-em's time per iteration grows with n (1e5 → 1e6 → 1e7 at d = 10, k = 5) and with
 * cores (local[1] against local[2]), without MLlib and without files: the records are drawn
 * inside the executors (k unit-variance Gaussian clusters 10 apart, a fixed seed per partition)
 * and cached as spark-em's blocks, as the loader would cache them. The partition count is the
 * same for every master (equal partitions of about {@link #LOADER_PARTITION_ROWS} rows, at least
 * 2, as the loader's file splits give), so the only change between local[1] and local[2] is the
 * number of task threads. Run by {@code submit/bench --scaling-n}.
 *
 * <p>Arguments: {@code [iters] [n,n,...] [d] [k]} (defaults 10, 1e5,1e6,1e7, 10, 5). System
 * properties: {@code bench.masters} (default "local[2],local[1]") and {@code bench.storage} (the
 * cache's storage level, default MEMORY_AND_DISK, as spark-em's loader), for data larger than memory,
 * {@code bench.warmup} (untimed iterations at n = 2·10⁵ in each session first, default 40) and
 * {@code bench.partitionRows} (rows per partition, default {@link #LOADER_PARTITION_ROWS}).
 */
public final class ScalingBench {

  private ScalingBench() {}

  public static void main(String[] args) {
    int iters = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long[] sizes = args.length > 1
        ? java.util.Arrays.stream(args[1].split(",")).mapToLong(s -> (long) Double.parseDouble(s)).toArray()
        : new long[] {100_000, 1_000_000, 10_000_000};
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    List<String> lines = new ArrayList<>();
    for (String master : System.getProperty("bench.masters", "local[2],local[1]").split(",(?=local)")) {
      SparkSession spark = MllibBench.session(master);
      spark.sparkContext().setLogLevel("WARN");
      int warmup = Integer.getInteger("bench.warmup", 40);
      if (warmup > 0) {
        // Untimed, as JMH would: a fresh JVM keeps compiling Spark's scheduling code for its first
        // few dozen jobs (docs/performance.md); the cold figure is printed, not hidden.
        double cold = secondsPerIteration(spark, 200_000, d, k, 10);
        double warm = secondsPerIteration(spark, 200_000, d, k, warmup);
        System.out.println(String.format(Locale.ROOT, "%-9s warm-up n=2e+05 (untimed below): first 10 iterations "
            + "median %.4f s/iter, next %d %.4f s/iter", master, cold, warmup, warm));
      }
      for (long n : sizes) {
        double s = secondsPerIteration(spark, n, d, k, iters);
        lines.add(String.format(Locale.ROOT, "%-9s n=%.0e d=%d k=%d  %.4f s/iter  %.1f ns/row", master, (double) n,
            d, k, s, s / n * 1e9));
        System.out.println(lines.get(lines.size() - 1));
      }
      spark.stop();
    }
    System.out.println("== scaling summary ==");
    lines.forEach(System.out::println);
  }

  static double secondsPerIteration(SparkSession spark, long n, int d, int k, int iters) {
    SparkData data = cached(spark, n, d, k);
    try {
      SparkStatisticsSource source = new SparkStatisticsSource(
          JavaSparkContext.fromSparkContext(spark.sparkContext()), data);
      GaussianMixture start = Initializer.starts(MllibBench.FAMILY, source, k, InitMethod.KMEANS_PLUS_PLUS, 1, 42)
          .get(0);
      double[] t = new double[iters];
      MllibBench.run(source, start, iters, t);
      return MllibBench.median(t);
    } finally {
      data.release();
    }
  }

  /**
   * Rows per partition by default: about what the loader gets from Spark's file splits of a CSV
   * input at d = 10 (128 MB splits of ~200 bytes per row: 2 partitions at n = 10⁶, 15 at 10⁷).
   */
  static final long LOADER_PARTITION_ROWS = 625_000;

  /** n records of k unit-variance clusters in d dimensions, drawn in the executors and cached as blocks. */
  static SparkData cached(SparkSession spark, long n, int d, int k) {
    return cached(spark, n, d, k, 10.0);
  }

  /** As {@link #cached(SparkSession, long, int, int)}, the cluster centres {@code separation} apart. */
  static SparkData cached(SparkSession spark, long n, int d, int k, double separation) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long partitionRows = Long.getLong("bench.partitionRows", LOADER_PARTITION_ROWS);
    int partitions = (int) Math.max(2, Math.round((double) n / partitionRows));
    double[][] centres = centres(k, d, separation);
    long perPartition = n / partitions;
    JavaRDD<Block> blocks = jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
        .mapPartitions(ps -> generate(ps.next(), perPartition, d, centres));
    blocks.persist(StorageLevel.fromString(System.getProperty("bench.storage", "MEMORY_AND_DISK")));
    long[] first = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      first[p] = p * perPartition;
    }
    blocks.count();
    long records = perPartition * partitions;
    return new SparkData(blocks, first, records, records, 0,
        IntStream.range(0, d).mapToObj(j -> "x" + j).toList(), d);
  }

  private static double[][] centres(int k, int d, double separation) {
    double[][] c = new double[k][d];
    for (int j = 0; j < k; j++) {
      c[j][j % d] = separation * (1 + j / d);
    }
    return c;
  }

  private static Iterator<Block> generate(int partition, long rows, int d, double[][] centres) {
    SplittableRandom random = new SplittableRandom(1_000_003L * partition + 17);
    int blockRows = Math.max(64, Math.min(8192, (1 << 17) / d)); // as the loader's BlockBuilder
    List<Block> out = new ArrayList<>();
    for (long done = 0; done < rows; ) {
      int m = (int) Math.min(blockRows, rows - done);
      double[] x = new double[m * d];
      double[] w = new double[m];
      for (int i = 0; i < m; i++) {
        double[] c = centres[random.nextInt(centres.length)];
        for (int j = 0; j < d; j++) {
          x[i * d + j] = c[j] + gaussian(random);
        }
        w[i] = 1.0;
      }
      out.add(new Block(m, d, x, w));
      done += m;
    }
    return out.iterator();
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller; one of the pair is enough here.
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
