package io.sparkem.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Rows out of rows, a chunk at a time: scoring reads up to a chunk of input rows into one block,
 * runs the E-step over the block, and hands out the scored rows before reading the next chunk.
 */
public abstract class ChunkedRows implements Iterator<Row> {

  private final Iterator<Row> rows;
  private final List<Row> pending = new ArrayList<>();
  private int next;

  protected ChunkedRows(Iterator<Row> rows) {
    this.rows = rows;
  }

  /** Reads the next chunk from {@code rows} (at least one row is there) and adds its output to {@code out}. */
  protected abstract void fill(Iterator<Row> rows, List<Row> out);

  @Override
  public boolean hasNext() {
    while (next >= pending.size() && rows.hasNext()) {
      pending.clear();
      next = 0;
      fill(rows, pending);
    }
    return next < pending.size();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.get(next++);
  }
}
