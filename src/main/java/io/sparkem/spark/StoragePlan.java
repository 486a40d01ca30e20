package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * How the loaded blocks are cached: in memory ({@code MEMORY_AND_DISK}, deserialised — the fast
 * path) unless the data clearly cannot fit there, then on disk ({@code DISK_ONLY}).
 *
 * <p>Why: with a heap far smaller than the data, {@code MEMORY_AND_DISK} first fills the storage
 * memory and then fights the garbage collector for it on every pass; measured at n = 3·10⁷, d = 10
 * (2.6 GB of blocks) under {@code -Xmx2g}, {@code DISK_ONLY} took 3.96–4.38 s per iteration
 * against 4.89–6.05 s (docs/performance.md, "Data larger than memory").
 *
 * <p>The rule ({@link #choose}): {@code DISK_ONLY} when the estimated cached size exceeds the
 * storage memory — all of Spark's unified memory region ({@code (heap − 300 MiB) ×
 * spark.memory.fraction} per executor), the most that storage can ever hold, so data above it
 * cannot stay in memory whatever else runs. When either number is unknown (an in-memory Dataset,
 * compressed text input, no executor registered yet, dynamic allocation), the blocks stay on
 * {@code MEMORY_AND_DISK}, as they always did. The Spark conf key {@value #KEY} ({@code auto}, the
 * default; {@code memory}; {@code disk}) overrides the choice.
 *
 * @param level        the storage level to persist the blocks with
 * @param cachedBytes  estimated size of the cached blocks, or -1 when unknown
 * @param storageBytes the storage memory of the executors that cache them, or -1 when unknown
 * @param mode         what {@value #KEY} asked for
 */
public record StoragePlan(StorageLevel level, long cachedBytes, long storageBytes, Mode mode) {

  /** The Spark conf key that overrides the choice: auto, memory or disk. */
  public static final String KEY = "spark.sparkem.storageLevel";

  /** What {@value #KEY} asks for. */
  public enum Mode {
    /** Decide from the estimate (the default). */
    AUTO,
    /** Always {@code MEMORY_AND_DISK}. */
    MEMORY,
    /** Always {@code DISK_ONLY}. */
    DISK;

    /** {@code auto}, {@code memory} or {@code disk}, any case; anything else is a user error. */
    public static Mode parse(String value) {
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserError(KEY + " must be auto, memory or disk, got '" + value + "'");
      }
    }
  }

  /**
   * The rule, from plain numbers: {@code mode} MEMORY or DISK decides alone; AUTO gives
   * {@code DISK_ONLY} exactly when both sizes are known (≥ 0) and {@code cachedBytes >
   * storageBytes}, else {@code MEMORY_AND_DISK}.
   */
  public static StoragePlan choose(Mode mode, long cachedBytes, long storageBytes) {
    boolean disk = switch (mode) {
      case MEMORY -> false;
      case DISK -> true;
      case AUTO -> cachedBytes >= 0 && storageBytes >= 0 && cachedBytes > storageBytes;
    };
    return new StoragePlan(disk ? StorageLevel.DISK_ONLY() : StorageLevel.MEMORY_AND_DISK(), cachedBytes,
        storageBytes, mode);
  }

  /**
   * Bytes of {@code rows} records cached as {@link io.sparkem.core.Block}s of {@code width}
   * values: 8·(width + 1) per row (the values and the weight), plus 64 bytes of object and array
   * headers per block of {@link BlockBuilder#blockRows} rows; -1 when {@code rows} is unknown (&lt; 0).
   */
  public static long cachedBytes(long rows, int width) {
    if (rows < 0) {
      return -1;
    }
    long blocks = (rows + BlockBuilder.blockRows(width) - 1) / BlockBuilder.blockRows(width);
    return rows * 8L * (width + 1) + 64L * blocks;
  }

  /**
   * The plan for caching about {@code rows} records (-1: unknown) of {@code width} values in
   * {@code spark}'s executors: reads {@value #KEY} and the storage memory, and logs one line when
   * the data go to disk because they do not fit.
   */
  static StoragePlan of(SparkSession spark, long rows, int width) {
    Mode mode = Mode.parse(spark.conf().get(KEY, "auto"));
    StoragePlan plan = choose(mode, cachedBytes(rows, width),
        mode == Mode.AUTO ? storageMemory(spark.sparkContext()) : -1);
    if (mode == Mode.AUTO && plan.onDisk()) {
      LoggerFactory.getLogger("io.sparkem").info("the data (about " + size(plan.cachedBytes)
          + " cached) exceed the storage memory (" + size(plan.storageBytes) + "): caching on disk (DISK_ONLY; "
          + KEY + "=memory keeps them in memory)");
    }
    return plan;
  }

  /** Whether the blocks go to disk only. */
  public boolean onDisk() {
    return level.equals(StorageLevel.DISK_ONLY());
  }

  /**
   * The storage memory that will hold the cache: in local mode the driver's (it runs the tasks);
   * on a cluster the sum over the registered executors, leaving out the driver's block manager, or
   * the largest executor's times {@code spark.executor.instances} when more are still to come; -1
   * when no executor has registered yet or dynamic allocation may add some later.
   */
  static long storageMemory(SparkContext sc) {
    String master = sc.master();
    boolean local = master.startsWith("local") && !master.startsWith("local-cluster");
    if (!local && sc.getConf().getBoolean("spark.dynamicAllocation.enabled", false)) {
      return -1;
    }
    String driver = sc.env().blockManager().blockManagerId().hostPort();
    long total = 0;
    long largest = 0;
    scala.collection.Iterator<Tuple2<String, Tuple2<Object, Object>>> it = sc.getExecutorMemoryStatus().iterator();
    while (it.hasNext()) {
      Tuple2<String, Tuple2<Object, Object>> e = it.next();
      if (local || !e._1().equals(driver)) {
        long max = (Long) e._2()._1();
        total += max;
        largest = Math.max(largest, max);
      }
    }
    if (!local) {
      total = Math.max(total, largest * sc.getConf().getInt("spark.executor.instances", 0));
    }
    return total > 0 ? total : -1;
  }

  /** Bytes as "2.4 GB" / "310 MB" / "1.4 MB" / "12 kB" (powers of 1000, as docs/cluster.md counts). */
  static String size(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L && bytes < 100_000_000L) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    if (bytes >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
  }
}
