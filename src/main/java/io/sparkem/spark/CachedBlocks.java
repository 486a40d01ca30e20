package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.UserError;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;

/**
 * Caching the blocks of a load and counting them in the same job — what independent records
 * ({@link SparkData}) and sequences ({@link SequenceData}) share: persist (at the level a
 * {@link StoragePlan} chose: {@code MEMORY_AND_DISK}, or {@code DISK_ONLY} for data larger than memory),
 * one job that reads, validates and caches every partition and returns its counts, the cache
 * released again when that job fails or finds no record.
 *
 * @param firstRow    index in the whole data set of each partition's first record
 * @param records     records read
 * @param skipped     bad records dropped ({@code --on-bad-record skip})
 * @param totalWeight Σ record weights
 * @param sequences   sequences (blocks of whole sequences), else 0
 */
record CachedBlocks(long[] firstRow, long records, long skipped, double totalWeight, long sequences) {

  /**
   * Persists {@code blocks} and counts them in one job; a failure of that job is {@code failure}'s
   * to translate, and a load without a record is a user error "SOURCE: no records to fit; REMEDY".
   */
  static CachedBlocks cache(JavaRDD<Block> blocks, StoragePlan storage, String source, String remedy,
      Function<Exception, RuntimeException> failure) {
    blocks.persist(storage.level());
    List<double[]> parts;
    try {
      parts = blocks.mapPartitions(CachedBlocks::summarise).collect();
    } catch (Exception e) { // Spark rethrows its checked SparkException unchecked
      blocks.unpersist(false);
      throw failure.apply(e);
    }
    long[] first = new long[parts.size()];
    long records = 0;
    long skipped = 0;
    double weight = 0;
    long sequences = 0;
    for (int p = 0; p < parts.size(); p++) {
      first[p] = records;
      records += (long) parts.get(p)[0];
      skipped += (long) parts.get(p)[1];
      weight += parts.get(p)[2];
      sequences += (long) parts.get(p)[3];
    }
    if (records == 0) {
      blocks.unpersist(false);
      throw new UserError(source + ": no " + (skipped > 0 ? "valid " : "") + "records to fit"
          + (skipped > 0 ? " (" + skipped + " bad records skipped)" : "") + remedy);
    }
    return new CachedBlocks(first, records, skipped, weight, sequences);
  }

  /** One summary per partition: {records, skipped, Σ weight, sequences}. */
  private static Iterator<double[]> summarise(Iterator<Block> it) {
    double rows = 0;
    double skipped = 0;
    double weight = 0;
    double sequences = 0;
    while (it.hasNext()) {
      Block b = it.next();
      rows += b.rows();
      skipped += b.skipped();
      weight += b.totalWeight();
      sequences += b.sequences();
    }
    return List.of(new double[] {rows, skipped, weight, sequences}).iterator();
  }
}
