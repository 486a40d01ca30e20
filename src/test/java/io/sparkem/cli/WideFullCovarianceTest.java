package io.sparkem.cli;

import static io.sparkem.cli.OutputSafetyTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit that cannot fit in memory is refused before its first pass, with the size and the remedy
 * (issue #14, item 6: full covariance at d = 5,000 ran 163 s into an OutOfMemoryError, exit 52).
 * {@code io.sparkem.fit.MemoryEstimateTest} checks the estimate's terms against the objects.
 */
class WideFullCovarianceTest {

  @TempDir Path dir;

  @Test
  void fullCovarianceInFiveThousandDimensionsIsRefusedBeforeTheFit() {
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
  }
}
