package io.sparkem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.family.hmm.Emission;
import io.sparkem.family.hmm.HiddenMarkovModel;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.SequenceColumns;
import io.sparkem.spark.SequenceData;
import io.sparkem.spark.SparkStatisticsSource;
import io.sparkem.testing.HmmData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Baum–Welch over many sequences in local Spark (issue 8's benchmark): S sequences × T steps from
 * a k-state Gaussian HMM in d dimensions ({@link HmmData}, seed 42), written once as CSV (rows in
 * sequence order) for spark-em and as raw little-endian float64 (S × T × d, the same numbers as the
 * CSV's text) for a single-node reference ({@code submit/bench-hmm.py}, pomegranate). Measures
 * the load (read, validate, group into sequences, cache), the start (a mixture fit on a sample,
 * then sticky transitions) and the EM passes: one warm-up, then {@code iters} timed passes
 * (E-step over every sequence + M-step on the driver), reporting the median. Writes the start θ as
 * {@code start.json} so that the reference starts from the same θ, and prints the log-likelihood
 * of every pass for comparison.
 *
 * <p>Arguments: {@code DIR [sequences] [length] [k] [d] [iters] [master]} (defaults 1e5, 100, 4,
 * 3, 5, local[2]). Run by {@code submit/bench --hmm}.
 */
public final class HmmBench {

  private HmmBench() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int sequences = args.length > 1 ? (int) Double.parseDouble(args[1]) : 100_000;
    int length = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    int d = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int iters = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    String master = args.length > 6 ? args[6] : "local[2]";
    Path data = dir.resolve(String.format(Locale.ROOT, "hmm-%d-%d-%d-%d", sequences, length, k, d));
    Path csv = data.resolve("data.csv");
    if (!Files.exists(data.resolve("_DONE"))) {
      long t0 = System.nanoTime();
      write(data, sequences, length, k, d);
      System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", data, (System.nanoTime() - t0) / 1e9);
    }

    SparkSession spark = MllibBench.session(master);
    spark.sparkContext().setLogLevel("WARN");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HmmFamily<GaussianMixture> family = HmmFamily.wrap(Emission.GAUSSIAN,
        GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults()));
    InputSpec spec = InputSpec.csv(csv.toString()).withFeatures(List.of(HmmData.features(d)));

    long t0 = System.nanoTime();
    SequenceData.Loaded loaded = SequenceData.load(spark, spec, family.recordCheck(),
        SequenceColumns.of("seq", "t", false), 0);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    try {
      SparkStatisticsSource source = new SparkStatisticsSource(jsc, loaded.data());
      t0 = System.nanoTime();
      HiddenMarkovModel<GaussianMixture> theta =
          Initializer.starts(family, source, k, InitMethod.KMEANS_PLUS_PLUS, 1, 42).get(0);
      double initSeconds = (System.nanoTime() - t0) / 1e9;
      ObjectNode start = new ObjectMapper().createObjectNode();
      family.writeJson(theta, start);
      Files.writeString(data.resolve("start.json"), start.toPrettyString());

      double kernel = kernelNanosPerRecord(family, theta, sequences, length, d);

      double[] seconds = new double[iters + 1];
      double[] ll = new double[iters + 1];
      for (int i = 0; i <= iters; i++) {
        long p0 = System.nanoTime();
        SufficientStats stats = source.pass(List.of(family.eStep(theta))).get(0);
        theta = family.mStep(stats, theta).model();
        seconds[i] = (System.nanoTime() - p0) / 1e9;
        ll[i] = stats.logLikelihood();
        System.out.printf(Locale.ROOT, "pass %d%s: %.3f s  logLikelihood %.6f%n", i,
            i == 0 ? " (warm-up)" : "", seconds[i], ll[i]);
      }
      double median = MllibBench.median(Arrays.copyOfRange(seconds, 1, seconds.length));
      long records = loaded.data().records();
      System.out.println("== hmm summary ==");
      System.out.printf(Locale.ROOT, "%s  sequences=%d length=%d k=%d d=%d (gaussian full)  partitions=%d%n",
          master, loaded.sequences(), length, k, d, loaded.data().blocks().getNumPartitions());
      System.out.printf(Locale.ROOT, "load (read CSV, validate, group, sort, cache): %.1f s%n", loadSeconds);
      System.out.printf(Locale.ROOT, "start (mixture fit on a sample + sticky transitions): %.1f s%n", initSeconds);
      System.out.printf(Locale.ROOT, "spark-em seconds per pass: median %.3f of %d after one warm-up %s%n",
          median, iters, Arrays.toString(round(Arrays.copyOfRange(seconds, 1, seconds.length))));
      System.out.printf(Locale.ROOT, "  = %.1f ns per record, %.1f ns per record·state%n",
          median / records * 1e9, median / records / k * 1e9);
      System.out.printf(Locale.ROOT, "the same E-step without Spark, one thread, in-memory blocks: %.1f ns per record"
          + " (so %d records on 2 threads would need %.3f s per pass)%n", kernel, records, kernel * records / 2 / 1e9);
      System.out.printf(Locale.ROOT, "log-likelihood per pass (θ0, θ1, ...): %s%n", Arrays.toString(ll));
      System.out.printf(Locale.ROOT, "reference: submit/bench-hmm.py %s %d%n", data, iters + 1);
    } finally {
      loaded.data().release();
      spark.stop();
    }
  }

  /**
   * The per-block E-step alone (forward–backward, emission densities, statistics), no Spark, one
   * thread: the first 10 000 sequences of the same data, drawn again in memory, in blocks of 80
   * sequences; the median of 5 runs after 2 warm-ups.
   */
  private static double kernelNanosPerRecord(HmmFamily<GaussianMixture> family,
      HiddenMarkovModel<GaussianMixture> theta, int sequences, int length, int d) {
    int use = Math.min(sequences, 10_000);
    // One generator draws sequence after sequence: the first `use` are those of the CSV.
    double[][][] x = HmmData.draw(HmmData.truth(theta.k(), d), use, length, 42, null);
    List<io.sparkem.core.Block> blocks = HmmData.blocks(x, 80);
    io.sparkem.core.EStep step = family.eStep(theta);
    double[] t = new double[7];
    for (int r = 0; r < t.length; r++) {
      long t0 = System.nanoTime();
      SufficientStats s = step.zero();
      for (io.sparkem.core.Block b : blocks) {
        step.accumulate(b, s);
      }
      t[r] = (System.nanoTime() - t0) / (double) (use * length);
    }
    return MllibBench.median(Arrays.copyOfRange(t, 2, t.length));
  }

  private static double[] round(double[] v) {
    return Arrays.stream(v).map(x -> Math.round(x * 1e3) / 1e3).toArray();
  }

  /** data.csv (for Spark), data.f64 (for the reference) and truth.json; _DONE last. */
  private static void write(Path data, int sequences, int length, int k, int d) throws IOException {
    Files.createDirectories(data);
    HmmData.Truth truth = HmmData.truth(k, d);
    double[][][] x = HmmData.draw(truth, sequences, length, 42, null);
    HmmData.csv(data.resolve("data.csv"), x, null);
    ByteBuffer buf = ByteBuffer.allocate(8 * d * length).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(data.resolve("data.f64")), 1 << 20)) {
      for (double[][] seq : x) {
        buf.clear();
        for (double[] row : seq) {
          for (double v : row) {
            // The CSV holds v as float text; Spark parses that text, and so does this.
            buf.putDouble(Double.parseDouble(Float.toString((float) v)));
          }
        }
        out.write(buf.array(), 0, buf.position());
      }
    }
    ObjectNode t = new ObjectMapper().createObjectNode();
    t.put("sequences", sequences).put("length", length).put("k", k).put("d", d);
    t.set("start", new ObjectMapper().valueToTree(truth.start()));
    t.set("transitions", new ObjectMapper().valueToTree(truth.transitions()));
    t.set("means", new ObjectMapper().valueToTree(truth.means()));
    t.set("sd", new ObjectMapper().valueToTree(truth.sd()));
    Files.writeString(data.resolve("truth.json"), t.toPrettyString());
    Files.writeString(data.resolve("_DONE"), "");
  }
}
