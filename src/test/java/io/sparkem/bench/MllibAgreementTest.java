package io.sparkem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.Generative;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.family.gaussian.FullCovariance;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianGenerator;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * spark-em and Spark MLlib's GaussianMixture, started from the same θ and run for the same number
 * of iterations with reg_covar = 0 on well-conditioned data, end at the same θ and log-likelihood to
 * 1e-6 relative: a check of the whole distributed pass and M-step against an independent
 * implementation (MLlib adds EPSILON to each π_j·f_j, which moves nothing at this precision).
 */
class MllibAgreementTest {

  private static final int ITERATIONS = 8;

  @Test
  void sameStartSameIterationsSameAnswer() {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-em tests")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int n = 4000;
    int d = 3;
    int k = 3;
    List<Block> blocks = generate(n, d, k, 11);
    JavaRDD<Block> rdd = jsc.parallelize(blocks, 3).cache();
    long[] first = {0, 0, 0};
    SparkStatisticsSource ours = new SparkStatisticsSource(jsc,
        new SparkData(rdd, first, n, n, 0, List.of("a", "b", "c"), d));
    GaussianFamily family = new GaussianFamily(new FullCovariance(), 0.0, false);
    GaussianMixture start = Initializer.starts(family, new LocalStatisticsSource(blocks), k,
        InitMethod.KMEANS_PLUS_PLUS, 1, 3).get(0);

    FitResult<GaussianMixture> fit = EmLoop.run(family, start, ours, new EmOptions(ITERATIONS, 0), (f, e, dl) -> { });

    JavaRDD<Vector> vectors = Mllib.vectors(rdd).cache();
    GaussianMixtureModel mllib = new org.apache.spark.mllib.clustering.GaussianMixture()
        .setK(k).setMaxIterations(ITERATIONS).setConvergenceTol(0).setSeed(1)
        .setInitialModel(Mllib.toMllib(start)).run(vectors.rdd());
    GaussianMixture theirs = Mllib.fromMllib(mllib, new FullCovariance());

    assertThat(fit.iterations()).isEqualTo(ITERATIONS);
    double[] diff = Mllib.difference(theirs, fit.model());
    assertThat(diff[0]).as("weights").isLessThan(1e-6);
    assertThat(diff[1]).as("means").isLessThan(1e-6);
    assertThat(diff[2]).as("covariances").isLessThan(1e-6);
    double theirLl = Mllib.logLikelihood(vectors, mllib);
    assertThat(Math.abs(fit.logLikelihood() - theirLl)).isLessThan(1e-6 * Math.abs(theirLl));
    // And the comparison can fail: one iteration fewer is far from MLlib's answer.
    FitResult<GaussianMixture> shorter =
        EmLoop.run(family, start, ours, new EmOptions(ITERATIONS - 1, 0), (f, e, dl) -> { });
    assertThat(Mllib.difference(theirs, shorter.model())[1]).isGreaterThan(1e-6);
    vectors.unpersist();
    rdd.unpersist();
  }

  /**
   * Overlapping clusters (means 2 apart, covariances from the project's generator), cut into blocks
   * of 500 rows: EM still moves after many iterations, so stopping one early shows.
   */
  private static List<Block> generate(int n, int d, int k, long seed) {
    GaussianGenerator gen = new GaussianGenerator(new FullCovariance());
    SplittableRandom rng = new SplittableRandom(seed);
    GaussianMixture random = gen.randomTruth(k, d, rng);
    double[][] means = new double[k][d];
    for (int j = 0; j < k; j++) {
      means[j][j % d] = 2.0 * (1 + j / d);
    }
    GaussianMixture truth = new GaussianMixture(random.shape(), random.weights(), means, random.covariances());
    Generative.Sampler sampler = gen.sampler(truth);
    List<Block> blocks = new ArrayList<>();
    double[] row = new double[d];
    for (int start = 0; start < n; start += 500) {
      int rows = Math.min(500, n - start);
      double[] x = new double[rows * d];
      double[] w = new double[rows];
      for (int i = 0; i < rows; i++) {
        sampler.draw(rng.nextInt(k), rng, row);
        System.arraycopy(row, 0, x, i * d, d);
        w[i] = 1;
      }
      blocks.add(new Block(rows, d, x, w));
    }
    return blocks;
  }
}
