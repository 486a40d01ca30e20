package io.sparkem.cli;

import static io.sparkem.cli.OutputSafetyTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.EStep;
import io.sparkem.core.FamilyOptions;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit that cannot fit in memory is refused before its first pass, with the size and the remedy
 * (issue #14, item 6: full covariance at d = 5,000 ran 163 s into an OutOfMemoryError). The
 * estimate's terms are checked against the objects themselves: what a broadcast of θ's E-step and
 * a task's statistics really weigh, measured by serialising them.
 */
class MemoryCheckTest {

  @TempDir Path dir;

  @Test
  void fullCovarianceInFiveThousandDimensionsIsRefusedAndDiagonalIsNot() throws Exception {
    int d = 5000;
    SplittableRandom rng = new SplittableRandom(4);
    // LibSVM keeps 5,000 features in one vector column (a CSV of 5,000 text columns takes Spark's
    // reader minutes to plan).
    StringBuilder svm = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      svm.append(i % 2);
      for (int a = 1; a <= d; a++) {
        svm.append(' ').append(a).append(':').append(Math.round(rng.nextGaussian() * 100) / 100.0 + (i % 2) * 5);
      }
      svm.append('\n');
    }
    Path in = Data.write(dir.resolve("wide.svm"), svm.toString());
    // The test JVM has -Xmx3g: the estimate (θ, two copies of its Cholesky factors, statistics of
    // each partition and task, kernel workspaces) is several gigabytes.
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--format", "libsvm", "--k", "2", "--output",
        dir.resolve("full").toString());
    assertRefused(run, "fit", "d = 5000", "GB of driver memory", "--covariance diag", "--driver-memory",
        "--features");
    assertThat(dir.resolve("full")).doesNotExist();
    // The remedy it names passes the same check (running that fit would mostly time report.html's
    // principal components of 5,000 features).
    GaussianFamily diag = GaussianFamily.of(new FamilyOptions("diag", 1e-6, false));
    MemoryCheck.check(SparkTest.spark(), java.util.List.of(new MemoryCheck.Planned(diag, 2, 1)), d, 2);
    assertThat(MemoryCheck.total(java.util.List.of(new MemoryCheck.Planned(diag, 2, 1)), d).driverBytes(2, 2))
        .isLessThan(10e6);
  }

  @Test
  void theEstimateWeighsWhatIsBroadcastAndAggregated() throws Exception {
    int k = 3;
    int d = 60;
    for (String covariance : new String[] {"full", "tied"}) { // the d² terms; diag and spherical are O(k·d)
      GaussianFamily family = GaussianFamily.of(new FamilyOptions(covariance, 1e-6, false));
      GaussianMixture theta = family.fromClustering(blobs(k, d), labels(k), k);
      EStep step = family.eStep(theta);
      MemoryEstimate e = MemoryEstimate.of(family, k, d);
      // The broadcast carries the E-step, which holds θ and its whitening.
      assertThat(serialisedDoubles(step)).as(covariance + ": θ + E-step")
          .isCloseTo(e.theta() + e.step(), within(0.1 * (e.theta() + e.step()) + 200));
      assertThat(serialisedDoubles(step.zero())).as(covariance + ": statistics")
          .isCloseTo(e.statistics(), within(0.1 * e.statistics() + 200));
    }
  }

  private static io.sparkem.core.Block blobs(int k, int d) {
    SplittableRandom rng = new SplittableRandom(1);
    double[][] rows = new double[k * (d + 5)][d];
    for (int i = 0; i < rows.length; i++) {
      for (int a = 0; a < d; a++) {
        rows[i][a] = (i % k) * 10 + rng.nextGaussian();
      }
    }
    return io.sparkem.core.Block.unweighted(d, rows);
  }

  private static int[] labels(int k) {
    int[] labels = new int[k * (60 + 5)];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % k;
    }
    return labels;
  }

  /** The size of {@code o} in Java serialisation, in doubles (8 bytes each). */
  private static double serialisedDoubles(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject((Serializable) o);
    }
    return bytes.size() / 8.0;
  }
}
