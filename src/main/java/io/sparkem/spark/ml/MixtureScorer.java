package io.sparkem.spark.ml;

import io.sparkem.core.Block;
import io.sparkem.core.MixtureEStep;
import io.sparkem.spark.ChunkedRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@link EmMixtureModel#transform}'s rows: each row with the most probable component (an int), the
 * posterior probabilities (an ml Vector) and, when asked, log p(x | θ) (a double), scored in chunks
 * of {@value #CHUNK} rows, each chunk one block through the fit's E-step. A NaN feature is a missing
 * cell when the family integrates them out ({@code missing = "marginalize"}), else bad input; an
 * infinite one is always bad input. A block row is the features, then the label where the model reads
 * one (a mixture of regressions: posteriors given x and y, log-density log p(y | x)).
 */
final class MixtureScorer extends ChunkedRows {

  private static final int CHUNK = 1024;

  private final int column;
  private final int label;
  private final int d;
  private final int width;
  private final MixtureEStep step;
  private final boolean logDensity;
  private final boolean missingAllowed;

  /** {@code label}: the response column's index, or -1 when the model reads none. */
  MixtureScorer(Iterator<Row> rows, int column, int label, int d, MixtureEStep step, boolean logDensity,
      boolean missingAllowed) {
    super(rows);
    this.column = column;
    this.label = label;
    this.d = d;
    this.width = d + (label >= 0 ? 1 : 0);
    this.step = step;
    this.logDensity = logDensity;
    this.missingAllowed = missingAllowed;
  }

  @Override
  protected void fill(Iterator<Row> rows, List<Row> pending) {
    List<Row> in = new ArrayList<>(CHUNK);
    double[] x = new double[CHUNK * width];
    while (in.size() < CHUNK && rows.hasNext()) {
      Row r = rows.next();
      read((Vector) r.get(column), x, in.size() * width);
      if (label >= 0) {
        double y = r.isNullAt(label) ? Double.NaN : ((Number) r.get(label)).doubleValue();
        if (!Double.isFinite(y)) {
          throw new IllegalArgumentException("a label is " + (r.isNullAt(label) ? "missing" : y)
              + "; a mixture of regressions needs a finite response in every row");
        }
        x[in.size() * width + d] = y;
      }
      in.add(r);
    }
    int n = in.size();
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    int k = step.k();
    double[] p = new double[Math.max(n, 1) * k];
    double[] ld = new double[n];
    step.posteriors(new Block(n, width, Arrays.copyOf(x, n * width), w), p, false, ld);
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (p[i * k + j] > p[i * k + best]) {
          best = j;
        }
      }
      Row r = in.get(i);
      Object[] values = new Object[r.size() + (logDensity ? 3 : 2)];
      for (int c = 0; c < r.size(); c++) {
        values[c] = r.get(c);
      }
      values[r.size()] = best;
      values[r.size() + 1] = Vectors.dense(Arrays.copyOfRange(p, i * k, i * k + k));
      if (logDensity) {
        values[r.size() + 2] = ld[i];
      }
      pending.add(RowFactory.create(values));
    }
  }

  private void read(Vector v, double[] x, int off) {
    if (v == null || v.size() != d) {
      throw new IllegalArgumentException("a features vector has " + (v == null ? "no value" : v.size()
          + " values") + " but the model has " + d + " features");
    }
    boolean observed = false;
    for (int c = 0; c < d; c++) {
      double value = v.apply(c);
      boolean missing = Double.isNaN(value) && missingAllowed;
      if (!Double.isFinite(value) && !missing) {
        throw new IllegalArgumentException("a features vector holds " + value + " at index " + c
            + "; EM needs finite numbers" + (Double.isNaN(value) ? " (set missing to \"marginalize\" to integrate "
            + "NaN cells out)" : ""));
      }
      observed |= !missing;
      x[off + c] = value;
    }
    if (!observed) {
      throw new IllegalArgumentException("a features vector is NaN in every cell; a record needs at least one "
          + "observed value");
    }
  }
}
