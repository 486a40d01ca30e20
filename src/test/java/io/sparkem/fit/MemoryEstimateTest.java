package io.sparkem.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The memory estimate of a fit (issue #14, item 6) against the objects themselves: what a
 * broadcast of θ's E-step and a task's statistics really weigh, measured by serialising them; and
 * the check's verdicts at d = 5,000 in this JVM's -Xmx3g: full covariance refused, diagonal not.
 */
class MemoryEstimateTest {

  private static final int K = 3;
  private static final int D = 60;

  @Test
  void theEstimateWeighsWhatIsBroadcastAndAggregated() throws Exception {
    for (CovarianceType type : List.of(CovarianceType.FULL, CovarianceType.TIED)) { // the d² terms
      GaussianFamily family = GaussianFamily.of(type, FamilyOptions.defaults());
      GaussianMixture theta = family.fromClustering(blobs(), labels(), K);
      EStep step = family.eStep(theta);
      MemoryEstimate e = MemoryEstimate.of(family, K, D);
      // The broadcast carries the E-step, which holds θ and its whitening.
      assertThat(serialisedDoubles(step)).as(type + ": θ + E-step")
          .isCloseTo(e.theta() + e.step(), within(0.1 * (e.theta() + e.step()) + 200));
      assertThat(serialisedDoubles(step.zero())).as(type + ": statistics")
          .isCloseTo(e.statistics(), within(0.1 * e.statistics() + 200));
    }
  }

  @Test
  void fiveThousandFeaturesFitDiagonallyButNotWithFullCovariance() {
    int d = 5000;
    GaussianFamily full = GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults());
    GaussianFamily diag = GaussianFamily.of(CovarianceType.DIAG, FamilyOptions.defaults());
    assertThatThrownBy(() -> MemoryCheck.check(SparkTest.spark(), List.of(new MemoryCheck.Planned(full, 2, 1)), d,
        2, Wording.CLI)).isInstanceOf(UserError.class).hasMessageContaining("--covariance diag (about");
    MemoryCheck.check(SparkTest.spark(), List.of(new MemoryCheck.Planned(diag, 2, 1)), d, 2, Wording.CLI);
    assertThat(MemoryCheck.total(List.of(new MemoryCheck.Planned(diag, 2, 1)), d).driverBytes(2, 2))
        .isLessThan(10e6);
  }

  private static Block blobs() {
    SplittableRandom rng = new SplittableRandom(1);
    double[][] rows = new double[K * (D + 5)][D];
    for (int i = 0; i < rows.length; i++) {
      for (int a = 0; a < D; a++) {
        rows[i][a] = (i % K) * 10 + rng.nextGaussian();
      }
    }
    return Block.unweighted(D, rows);
  }

  private static int[] labels() {
    int[] labels = new int[K * (D + 5)];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % K;
    }
    return labels;
  }

  /** The size of {@code o} in Java serialisation, in doubles (8 bytes each). */
  private static double serialisedDoubles(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.size() / 8.0;
  }
}
