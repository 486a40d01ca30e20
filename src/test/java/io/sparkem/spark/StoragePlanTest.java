package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkem.core.UserError;
import io.sparkem.spark.StoragePlan.Mode;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** The storage-level rule on plain numbers, against hand-computed sizes and thresholds. */
class StoragePlanTest {

  @Test
  void autoGoesToDiskOnlyWhenTheDataExceedTheStorageMemory() {
    assertThat(StoragePlan.choose(Mode.AUTO, 1_001, 1_000).level()).isEqualTo(StorageLevel.DISK_ONLY());
    assertThat(StoragePlan.choose(Mode.AUTO, 1_001, 1_000).onDisk()).isTrue();
    // Equal is not above: the data may just fit.
    assertThat(StoragePlan.choose(Mode.AUTO, 1_000, 1_000).level()).isEqualTo(StorageLevel.MEMORY_AND_DISK());
    assertThat(StoragePlan.choose(Mode.AUTO, 999, 1_000).level()).isEqualTo(StorageLevel.MEMORY_AND_DISK());
    assertThat(StoragePlan.choose(Mode.AUTO, 0, 0).level()).isEqualTo(StorageLevel.MEMORY_AND_DISK());
  }

  @Test
  void anUnknownSizeKeepsTheDataInMemory() {
    assertThat(StoragePlan.choose(Mode.AUTO, -1, 1_000).level()).isEqualTo(StorageLevel.MEMORY_AND_DISK());
    assertThat(StoragePlan.choose(Mode.AUTO, 5_000_000_000L, -1).level()).isEqualTo(StorageLevel.MEMORY_AND_DISK());
    assertThat(StoragePlan.choose(Mode.AUTO, -1, -1).onDisk()).isFalse();
  }

  @Test
  void memoryAndDiskOverrideTheEstimate() {
    assertThat(StoragePlan.choose(Mode.MEMORY, 5_000_000_000L, 1_000).level())
        .isEqualTo(StorageLevel.MEMORY_AND_DISK());
    assertThat(StoragePlan.choose(Mode.DISK, 1, 5_000_000_000L).level()).isEqualTo(StorageLevel.DISK_ONLY());
    assertThat(StoragePlan.choose(Mode.DISK, -1, -1).level()).isEqualTo(StorageLevel.DISK_ONLY());
  }

  @Test
  void cachedBytesAreEightBytesPerValueAndWeightPlusBlockHeaders() {
    // width 3: 8192 rows a block (131072 / 3 = 43690 is above the cap); 10 000 rows = 2 blocks.
    assertThat(StoragePlan.cachedBytes(10_000, 3)).isEqualTo(10_000L * 32 + 2 * 64);
    // width 10: blocks of 8192 rows; 3·10⁷ rows = 3663 blocks (3662.1 rounded up), 88 bytes a row.
    assertThat(StoragePlan.cachedBytes(30_000_000, 10)).isEqualTo(2_640_000_000L + 3663L * 64);
    // width 1000: blocks of 131 rows; 262 rows = 2 blocks of 8008 bytes a row.
    assertThat(StoragePlan.cachedBytes(262, 1000)).isEqualTo(262L * 8008 + 2 * 64);
    assertThat(StoragePlan.cachedBytes(0, 4)).isZero();
    assertThat(StoragePlan.cachedBytes(-1, 4)).isEqualTo(-1);
  }

  @Test
  void theMeasuredCaseGoesToDisk() {
    // n = 3·10⁷, d = 10 under -Xmx2g: (2048 − 300) MiB × 0.6 = 1 099 746 508 bytes of storage memory.
    long storage = (long) ((2048L - 300) * 1024 * 1024 * 0.6);
    assertThat(storage).isEqualTo(1_099_746_508L);
    StoragePlan plan = StoragePlan.choose(Mode.AUTO, StoragePlan.cachedBytes(30_000_000, 10), storage);
    assertThat(plan.onDisk()).isTrue();
    assertThat(StoragePlan.size(plan.cachedBytes())).isEqualTo("2.6 GB");
    assertThat(StoragePlan.size(plan.storageBytes())).isEqualTo("1.1 GB");
    // And n = 10⁷ (0.88 GB) stays in memory.
    assertThat(StoragePlan.choose(Mode.AUTO, StoragePlan.cachedBytes(10_000_000, 10), storage).onDisk()).isFalse();
  }

  @Test
  void sizesReadAsUnitsOfAThousand() {
    assertThat(StoragePlan.size(2_400_000_000L)).isEqualTo("2.4 GB");
    assertThat(StoragePlan.size(310_400_000L)).isEqualTo("310 MB");
    assertThat(StoragePlan.size(1_440_000)).isEqualTo("1.4 MB");
    assertThat(StoragePlan.size(99_940_000)).isEqualTo("99.9 MB");
    assertThat(StoragePlan.size(12_345)).isEqualTo("12 kB");
  }

  @Test
  void theModeIsAutoMemoryOrDiskInAnyCase() {
    assertThat(Mode.parse("auto")).isEqualTo(Mode.AUTO);
    assertThat(Mode.parse(" Disk ")).isEqualTo(Mode.DISK);
    assertThat(Mode.parse("MEMORY")).isEqualTo(Mode.MEMORY);
    assertThatThrownBy(() -> Mode.parse("DISK_ONLY")).isInstanceOf(UserError.class)
        .hasMessage("spark.sparkem.storageLevel must be auto, memory or disk, got 'DISK_ONLY'");
  }
}
