package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.RecordCheck;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Reads the rows of one partition into dense blocks through a {@link RowReader}; a record it
 * drops as bad is counted in the next block's {@link Block#skipped()} (a partition whose last
 * records were all bad ends with an empty block that carries their count).
 */
final class BlockBuilder implements Iterator<Block> {

  private final Iterator<Row> rows;
  private final int blockRows;
  private final int width;

  private final RowReader reader;
  private long skipped;
  private boolean emittedTail;

  BlockBuilder(Iterator<Row> rows, ColumnPlan plan, RecordCheck check, BadRecordPolicy policy,
      int blockRows) {
    this.rows = rows;
    this.blockRows = blockRows;
    this.width = plan.width();
    this.reader = new RowReader(plan, check, policy);
  }

  /** Rows per block: about 1 MiB of features, between 64 and 8192 rows. */
  static int blockRows(int width) {
    return Math.max(64, Math.min(8192, (1 << 17) / width));
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext() || (!emittedTail && skipped > 0);
  }

  @Override
  public Block next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    double[] x = new double[blockRows * width];
    double[] w = new double[blockRows];
    int n = 0;
    while (n < blockRows && rows.hasNext()) {
      if (reader.read(rows.next(), x, n * width, w, n)) {
        n++;
      } else {
        skipped++;
      }
    }
    long blockSkipped = skipped;
    skipped = 0;
    if (!rows.hasNext()) {
      emittedTail = true;
    }
    return new Block(n, width, n == blockRows ? x : Arrays.copyOf(x, n * width),
        n == blockRows ? w : Arrays.copyOf(w, n), blockSkipped);
  }

}
