package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.RecordCheck;
import io.sparkem.core.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores records with a fitted mixture: the input rows, unchanged, plus {@code cluster} (the most
 * probable component, 0-based), the posterior probabilities — one {@code probabilities} array
 * column, or {@code p_0..p_{k-1}} columns for formats without arrays (CSV) — and {@code logDensity},
 * log Σ_j π_j f_j(x) (not for k-means, which has no density). Rows are scored in chunks through the
 * same E-step the fit used; a record with missing cells, when the family integrates them out, gets
 * the marginal E-step of its observed cells in all three.
 */
public final class Predictor {

  private static final int CHUNK = 1024;

  private Predictor() {}

  /** Writes the scored input to {@code out}'s temporary directory in {@code outFormat}. */
  public static long predictTo(SparkSession spark, InputSpec spec, RecordCheck check,
      MixtureEStep step, InputFormat outFormat, OutputDirectory out) {
    InputReader.Opened in = InputReader.open(spark, spec);
    ColumnPlan plan = in.plan();
    ScoredColumns columns = new ScoredColumns(in.frame().schema(), "cluster", step.k(), outFormat,
        step.hasLogDensity());
    BadRecordPolicy policy = spec.onBad();
    JavaRDD<Row> scored = in.frame().javaRDD().mapPartitions(
        rows -> new Scorer(rows, new RowReader(plan, check, policy), plan.width(), step, columns));
    return columns.write(spark, scored, outFormat, out, e -> {
      BadRecordException bad = BadRecordLocator.find(e);
      if (bad != null) {
        return BadRecordLocator.describe(bad, in.frame(), spec.format());
      }
      if (e instanceof UserError u) {
        return u;
      }
      return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    });
  }

  /** Reads rows in chunks, scores each chunk as one block, and emits the output rows. */
  private static final class Scorer extends ChunkedRows {
    private final RowReader reader;
    private final int width;
    private final MixtureEStep step;
    private final ScoredColumns columns;

    Scorer(Iterator<Row> rows, RowReader reader, int width, MixtureEStep step, ScoredColumns columns) {
      super(rows);
      this.reader = reader;
      this.width = width;
      this.step = step;
      this.columns = columns;
    }

    @Override
    protected void fill(Iterator<Row> rows, List<Row> pending) {
      List<Row> in = new ArrayList<>(CHUNK);
      double[] x = new double[CHUNK * width];
      double[] w = new double[CHUNK];
      while (in.size() < CHUNK && rows.hasNext()) {
        Row r = rows.next();
        if (reader.read(r, x, in.size() * width, w, in.size())) {
          in.add(r);
        }
      }
      int n = in.size();
      Arrays.fill(w, 1.0);
      Block block = new Block(n, width, x, w);
      int k = step.k();
      double[] p = new double[Math.max(n, 1) * k];
      double[] logDensity = new double[n];
      step.posteriors(block, p, false, logDensity);
      for (int i = 0; i < n; i++) {
        pending.add(columns.row(in.get(i), mostProbable(p, i * k, k), p, i * k, logDensity[i]));
      }
    }
  }

  /** The index of the largest of {@code p[off..off+k)} (ties: the lowest). */
  static int mostProbable(double[] p, int off, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (p[off + j] > p[off + best]) {
        best = j;
      }
    }
    return best;
  }
}
