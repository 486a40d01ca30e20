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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scores records with a fitted mixture: the input rows, unchanged, plus {@code cluster} (the most
 * probable component, 0-based) and the posterior probabilities — one {@code probabilities} array
 * column, or {@code p_0..p_{k-1}} columns for formats without arrays (CSV). Rows are scored in
 * chunks through the same E-step the fit used.
 */
public final class Predictor {

  private static final int CHUNK = 1024;

  private Predictor() {}

  /** Writes the scored input to {@code out}'s temporary directory in {@code outFormat}. */
  public static long predictTo(SparkSession spark, InputSpec spec, RecordCheck check,
      MixtureEStep step, InputFormat outFormat, OutputDirectory out) {
    InputReader.Opened in = InputReader.open(spark, spec);
    ColumnPlan plan = in.plan();
    StructType inSchema = in.frame().schema();
    List<Integer> keep = new ArrayList<>();
    StructType schema = new StructType();
    for (int i = 0; i < inSchema.fields().length; i++) {
      StructField f = inSchema.fields()[i];
      if (!Arrays.asList(InputReader.CORRUPT, InputReader.FILE, InputReader.SPLIT).contains(f.name())) {
        keep.add(i);
        schema = schema.add(f);
      }
    }
    int k = step.k();
    boolean split = outFormat == InputFormat.CSV;
    schema = schema.add("cluster", DataTypes.IntegerType, false);
    if (split) {
      for (int j = 0; j < k; j++) {
        schema = schema.add("p_" + j, DataTypes.DoubleType, false);
      }
    } else {
      schema = schema.add("probabilities", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    }
    int[] kept = keep.stream().mapToInt(Integer::intValue).toArray();
    BadRecordPolicy policy = spec.onBad();
    JavaRDD<Row> scored = in.frame().javaRDD().mapPartitions(
        rows -> new Scorer(rows, new RowReader(plan, check, policy), plan.width(), step, kept, split));
    // Counted as they are written: a ResultTask's accumulator updates count once per partition,
    // and reading the output back would cost a pass (and list a hidden directory).
    org.apache.spark.util.LongAccumulator written = spark.sparkContext().longAccumulator("records written");
    Dataset<Row> result = spark.createDataFrame(scored.map(r -> {
      written.add(1);
      return r;
    }), schema);
    try {
      result.write().format(outFormat.name().toLowerCase()).option("header", "true")
          .save(out.temporaryUri());
    } catch (Exception e) { // Spark rethrows its checked SparkException unchecked
      BadRecordException bad = BadRecordLocator.find(e);
      if (bad != null) {
        throw BadRecordLocator.describe(bad, in.frame(), spec.format());
      }
      if (e instanceof UserError u) {
        throw u;
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    return written.value();
  }

  /** Reads rows in chunks, scores each chunk as one block, and emits the output rows. */
  private static final class Scorer extends ChunkedRows {
    private final RowReader reader;
    private final int width;
    private final MixtureEStep step;
    private final int[] kept;
    private final boolean split;

    Scorer(Iterator<Row> rows, RowReader reader, int width, MixtureEStep step, int[] kept, boolean split) {
      super(rows);
      this.reader = reader;
      this.width = width;
      this.step = step;
      this.kept = kept;
      this.split = split;
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
      step.posteriors(block, p, false);
      for (int i = 0; i < n; i++) {
        pending.add(output(in.get(i), p, i * k, k));
      }
    }

    private Row output(Row r, double[] p, int off, int k) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (p[off + j] > p[off + best]) {
          best = j;
        }
      }
      Object[] values = new Object[kept.length + 1 + (split ? k : 1)];
      for (int c = 0; c < kept.length; c++) {
        values[c] = r.get(kept[c]);
      }
      values[kept.length] = best;
      if (split) {
        for (int j = 0; j < k; j++) {
          values[kept.length + 1 + j] = p[off + j];
        }
      } else {
        values[kept.length + 1] = Arrays.copyOfRange(p, off, off + k);
      }
      return RowFactory.create(values);
    }
  }
}
