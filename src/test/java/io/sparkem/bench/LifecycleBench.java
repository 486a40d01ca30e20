package io.sparkem.bench;

import io.sparkem.core.EStep;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.ForwardingSource;
import io.sparkem.core.IterationListener;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.gaussian.FullCovariance;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.fit.FitSettings;
import io.sparkem.fit.LoadedData;
import io.sparkem.fit.ModelJson;
import io.sparkem.fit.Records;
import io.sparkem.fit.SavedModel;
import io.sparkem.fit.Scoring;
import io.sparkem.fit.Wording;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.InputSpec;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What the lifecycle features cost (docs/pipeline.md), in local[2]:
 * <ol>
 *   <li>{@code logDensityQuantiles}: fits of n records (d, k) from several k-means++ starts, each
 *       with final scoring, through a source that times every pass and notes which collected the
 *       log-densities; the cost is the collecting passes' time above the median plain pass plus any
 *       pass added after the last, as a share of the fit's time. The same fits without final
 *       scoring give the A/B difference of wall time (noisier).</li>
 *   <li>{@code score}: its wall time on the same CSV (read, parse, cache, one pass) against the load
 *       alone and one plain pass over the cached blocks.</li>
 * </ol>
 * Run by {@code submit/bench --lifecycle [N,D,K]} (default 1e6,10,5), data from {@code submit/em
 * generate} (seed 42) in the bench data directory.
 */
public final class LifecycleBench {

  /** The command line's default family: full covariances, reg_covar 1e-6. */
  private static final GaussianFamily FAMILY = new GaussianFamily(new FullCovariance(), 1e-6, false);

  private LifecycleBench() {}

  /** A source that times each pass and notes whether it collected log-densities. */
  private static final class Timed extends ForwardingSource {
    final List<double[]> passes = new ArrayList<>(); // {seconds, collected ? 1 : 0}

    Timed(StatisticsSource inner) {
      super(inner);
    }

    @Override
    public List<SufficientStats> pass(List<? extends EStep> steps) {
      long t = System.nanoTime();
      List<SufficientStats> out = data.pass(steps);
      boolean collected = out.stream().anyMatch(s -> s.densities().isPresent());
      passes.add(new double[] {(System.nanoTime() - t) / 1e9, collected ? 1 : 0});
      return out;
    }
  }

  public static void main(String[] args) {
    String csv = args[0];
    int k = Integer.parseInt(args[1]);
    int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("lifecycle bench")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    FitSettings settings = FitSettings.defaults("gaussian");
    Records records = new Records.Files(InputSpec.csv(csv), null);
    long t0 = System.nanoTime();
    LoadedData data = LoadedData.load(spark, records, FAMILY);
    double load = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "load (read, parse, cache) of %s: %.2f s, %d records%n", csv, load,
        data.data().records());
    SparkStatisticsSource source = new SparkStatisticsSource(jsc, data.data());
    double sumCost = 0;
    double sumFit = 0;
    // Seed 0 warms the JIT (its line is printed, not counted): a fit in a fresh JVM runs the sketch's
    // code cold once.
    for (long seed = 0; seed <= seeds; seed++) {
      GaussianMixture start = Initializer.starts(FAMILY, source, k, InitMethod.KMEANS_PLUS_PLUS, 1, seed)
          .get(0);
      EmOptions options = new EmOptions(settings.maxIter(), settings.tol());
      Timed scored = new Timed(source);
      Timed plain = new Timed(source);
      double without = 0;
      if (seed % 2 == 1) { // alternate which of the two runs first
        long b = System.nanoTime();
        EmLoop.run(FAMILY, start, plain, options, IterationListener.SILENT);
        without = (System.nanoTime() - b) / 1e9;
      }
      long a = System.nanoTime();
      FitResult<GaussianMixture> fit = EmLoop.run(FAMILY, start, scored, options.withScoreFinal(true),
          IterationListener.SILENT);
      double withScoring = (System.nanoTime() - a) / 1e9;
      if (seed % 2 == 0) {
        long b = System.nanoTime();
        EmLoop.run(FAMILY, start, plain, options, IterationListener.SILENT);
        without = (System.nanoTime() - b) / 1e9;
      }
      double[] plainTimes = plain.passes.stream().mapToDouble(p -> p[0]).sorted().toArray();
      double median = plainTimes[plainTimes.length / 2];
      double extra = 0;
      int collecting = 0;
      for (double[] p : scored.passes) {
        if (p[1] == 1) {
          extra += p[0] - median;
          collecting++;
        }
      }
      int added = scored.passes.size() - (fit.iterations() + 1);
      double cost = extra + added * median;
      if (seed > 0) {
        sumCost += cost;
        sumFit += withScoring;
      }
      System.out.printf(Locale.ROOT, "seed %d: %d iterations, %d passes (%d collecting, %d added); median plain pass "
          + "%.3f s, collecting passes %s s; quantiles cost %.3f s = %.1f%% of the fit's %.2f s (same fit without: "
          + "%.2f s, difference %.1f%%); rank error bound %.2e%n", seed, fit.iterations(), scored.passes.size(),
          collecting, added, median, Arrays.toString(scored.passes.stream().filter(p -> p[1] == 1)
              .mapToDouble(p -> Math.round(p[0] * 1000) / 1000.0).toArray()), cost, 100 * cost / withScoring,
          withScoring, without, 100 * (withScoring - without) / without,
          fit.finalStats().densities().orElseThrow().sketch().relativeErrorBound());
    }
    System.out.printf(Locale.ROOT, "logDensityQuantiles: %.1f%% of the fits' time over %d fits%n",
        100 * sumCost / sumFit, seeds);

    GaussianMixture theta = EmLoop.run(FAMILY, Initializer.starts(FAMILY, source, k,
        InitMethod.KMEANS_PLUS_PLUS, 1, 1).get(0), source, new EmOptions(100, 1e-6).withScoreFinal(true),
        IterationListener.SILENT).model();
    double[] pass = new double[5];
    for (int i = 0; i < pass.length; i++) {
      long t = System.nanoTime();
      source.pass(List.of(FAMILY.eStep(theta)));
      pass[i] = (System.nanoTime() - t) / 1e9;
    }
    Arrays.sort(pass);
    data.release();
    long reload = System.nanoTime();
    LoadedData.load(spark, records, FAMILY).release();
    double warmLoad = (System.nanoTime() - reload) / 1e9;
    // A model.json of θ with training quantiles, as fit writes it, for score to read.
    com.fasterxml.jackson.databind.node.ObjectNode root = ModelJson.MAPPER.createObjectNode();
    root.put("family", "gaussian");
    root.put("k", k);
    root.put("dimension", theta.dimension());
    var names = root.putArray("features");
    data.data().features().forEach(names::add);
    FAMILY.writeJson(theta, root);
    var q = root.putObject("logDensityQuantiles");
    q.put("0.001", -100.0);
    q.put("0.01", -50.0);
    double[] score = new double[3];
    for (int i = 0; i < score.length; i++) {
      long t = System.nanoTime();
      Scoring.score(spark, new SavedModel(root, "bench"), records, io.sparkem.core.MissingValues.FAIL, Wording.CLI);
      score[i] = (System.nanoTime() - t) / 1e9;
    }
    Arrays.sort(score);
    System.out.printf(Locale.ROOT, "score: median of 3 %.2f s; the load alone (warm) %.2f s + one plain pass %.3f s "
        + "= %.2f s%n", score[1], warmLoad, pass[2], warmLoad + pass[2]);
    spark.stop();
  }
}
