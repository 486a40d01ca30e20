package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.testing.LogCapture;
import io.sparkem.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data larger than the storage memory are cached on disk only, and the fit is bit for bit the one
 * of the same data cached in memory: the test session's memory (-Xmx3g) holds the input, a second
 * session with about 1 MB of storage memory does not.
 */
class DiskOnlyCacheTest {

  private static final GaussianFamily FAMILY = GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults());
  private static final long TEST_MEMORY = 512L * 1024 * 1024;
  private static final long RESERVED = 300L * 1024 * 1024;
  private static final double FRACTION = 0.005;

  @TempDir Path dir;

  /** 80 000 rows of three overlapping clusters in 3-D: 80 000 · 4 · 8 = 2.56 MB of blocks. */
  private Path input() {
    SplittableRandom rng = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder("a,b,c\n");
    for (int i = 0; i < 80_000; i++) {
      int c = rng.nextInt(3);
      for (int a = 0; a < 3; a++) {
        sb.append(a == 0 ? "" : ",").append(2.0 * c + (a == c ? 1.5 : 0) + rng.nextGaussian());
      }
      sb.append('\n');
    }
    return io.sparkem.testing.Data.write(dir.resolve("in.csv"), sb.toString());
  }

  /** A fixed start away from the clusters' centres. */
  private static GaussianMixture start() {
    double[][] means = {{0.5, 0, 0}, {2, 3, 2}, {4, 4, 5}};
    double[][] covs = new double[3][];
    for (int j = 0; j < 3; j++) {
      covs[j] = new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }
    return new GaussianMixture(FAMILY.shape(), new double[] {0.3, 0.3, 0.4}, means, covs);
  }

  private static FitResult<GaussianMixture> fit(SparkSession spark, SparkData data) {
    SparkStatisticsSource source = new SparkStatisticsSource(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        data);
    return EmLoop.run(FAMILY, start(), source, new EmOptions(15, 0), (f, e, d) -> { });
  }

  @Test
  void dataLargerThanTheStorageMemoryAreCachedOnDiskAndFitTheSame() {
    Path csv = input();
    InputSpec spec = InputSpec.csv(csv.toString());

    SparkSession shared = SparkTest.spark();
    SparkData inMemory = SparkData.load(shared, spec, FAMILY.recordCheck());
    FitResult<GaussianMixture> expected;
    long[] expectedFirstRows;
    try {
      assertThat(inMemory.blocks().getStorageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK());
      expected = fit(shared, inMemory);
      expectedFirstRows = inMemory.firstRow();
    } finally {
      inMemory.release();
    }
    // A bad value of the key is the user's to fix.
    shared.conf().set(StoragePlan.KEY, "fast");
    try {
      assertThatThrownBy(() -> SparkData.load(shared, spec, FAMILY.recordCheck())).isInstanceOf(UserError.class)
          .hasMessageContaining("spark.sparkem.storageLevel must be auto, memory or disk, got 'fast'");
    } finally {
      shared.conf().unset(StoragePlan.KEY);
    }

    shared.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    SparkSession small = SparkSession.builder().master("local[2]").appName("spark-em small storage")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.testing.memory", String.valueOf(TEST_MEMORY))
        .config("spark.testing.reservedMemory", String.valueOf(RESERVED))
        .config("spark.memory.fraction", String.valueOf(FRACTION))
        .getOrCreate();
    try {
      // (512 − 300) MiB × 0.005 = 1 111 490 bytes (Spark truncates), the driver's: local mode.
      assertThat(StoragePlan.storageMemory(small.sparkContext())).isEqualTo(1_111_490L);
      SparkData onDisk;
      try (LogCapture log = new LogCapture()) {
        onDisk = SparkData.load(small, spec, FAMILY.recordCheck());
        assertThat(log.text()).contains("the data (about 2.6 MB cached) exceed the storage memory (1.1 MB): "
            + "caching on disk (DISK_ONLY; spark.sparkem.storageLevel=memory keeps them in memory)");
      }
      try {
        assertThat(onDisk.blocks().getStorageLevel()).isEqualTo(StorageLevel.DISK_ONLY());
        RDDInfo info = cachedInfo(small, onDisk.blocks().id());
        assertThat(info.memSize()).isZero();
        assertThat(info.diskSize()).isPositive();
        assertThat(info.numCachedPartitions()).isEqualTo(onDisk.blocks().getNumPartitions());
        // Java serialisation writes a double[] as its raw 8 bytes a value: 80 000 · 4 · 8 bytes,
        // plus a few hundred bytes of stream and class headers per partition.
        assertThat(info.diskSize()).isBetween(2_560_000L, 2_570_000L);
        assertThat(onDisk.firstRow()).containsExactly(expectedFirstRows);
        assertThat(onDisk.records()).isEqualTo(80_000);
        FitResult<GaussianMixture> actual = fit(small, onDisk);
        GaussianMixture a = actual.model();
        GaussianMixture e = expected.model();
        assertThat(actual.logLikelihood()).isEqualTo(expected.logLikelihood());
        assertThat(a.weights()).containsExactly(e.weights());
        for (int j = 0; j < 3; j++) {
          assertThat(a.means()[j]).containsExactly(e.means()[j]);
          assertThat(a.covariances()[j]).containsExactly(e.covariances()[j]);
        }
        // The fit moved away from its start: the comparison is of a real fit.
        assertThat(Math.abs(a.means()[0][0] - 0.5)).isGreaterThan(0.1);
      } finally {
        onDisk.release();
      }
      // Sequences (an hmm's input) are cached the same way: 30 000 rows · (2 + 1) · 8 = 720 kB
      // would fit, 60 000 (1.44 MB) do not.
      io.sparkem.family.hmm.HmmFamily<GaussianMixture> hmm = io.sparkem.family.hmm.HmmFamily.wrap(
          io.sparkem.family.hmm.Emission.GAUSSIAN, GaussianFamily.of(CovarianceType.FULL, FamilyOptions.defaults()));
      for (int length : new int[] {100, 200}) {
        double[][][] x = io.sparkem.testing.HmmData.draw(io.sparkem.testing.HmmData.truth(2, 2), 300, length, 3, null);
        Path seqCsv = io.sparkem.testing.HmmData.csv(dir.resolve("hmm" + length + ".csv"), x, null);
        SequenceData.Loaded loaded = SequenceData.load(small, InputSpec.csv(seqCsv.toString())
            .withFeatures(List.of(io.sparkem.testing.HmmData.features(2))), hmm.recordCheck(),
            SequenceColumns.of("seq", "t", false), 2);
        try {
          assertThat(loaded.data().records()).isEqualTo(300L * length);
          assertThat(loaded.data().blocks().getStorageLevel())
              .isEqualTo(length == 100 ? StorageLevel.MEMORY_AND_DISK() : StorageLevel.DISK_ONLY());
        } finally {
          loaded.data().release();
        }
      }
      // The key overrides the estimate.
      small.conf().set(StoragePlan.KEY, "memory");
      SparkData forced = SparkData.load(small, spec, FAMILY.recordCheck());
      try {
        assertThat(forced.blocks().getStorageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK());
      } finally {
        forced.release();
        small.conf().unset(StoragePlan.KEY);
      }
    } finally {
      small.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  private static RDDInfo cachedInfo(SparkSession spark, int rddId) {
    List<RDDInfo> all = new ArrayList<>(List.of(spark.sparkContext().getRDDStorageInfo()));
    return all.stream().filter(i -> i.id() == rddId).findFirst().orElseThrow();
  }
}
