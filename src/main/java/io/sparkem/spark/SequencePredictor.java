package io.sparkem.spark;

import io.sparkem.core.Block;
import io.sparkem.core.RecordCheck;
import io.sparkem.family.hmm.HmmEStep;
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
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Scores records of sequences with a fitted HMM: the input rows grouped by sequence (one shuffle),
 * each sequence sorted by its order column and decoded in one task — {@code state}, the Viterbi
 * path, and the posterior state probabilities γ_t ({@code probabilities}, or {@code p_0..p_{k-1}}
 * for CSV). Rows come out sequence by sequence, in order.
 */
public final class SequencePredictor {

  private SequencePredictor() {}

  /** Writes the scored input to {@code out}'s temporary directory; returns the number of records. */
  public static long predictTo(SparkSession spark, InputSpec spec, RecordCheck check,
      SequenceColumns columns, HmmEStep step, InputFormat outFormat, OutputDirectory out) {
    SequenceData.Opened in = SequenceFiles.open(spark, spec, columns);
    SequencePlan plan = in.plan();
    ScoredColumns scoredColumns = new ScoredColumns(in.frame().schema(), "state", step.k(), outFormat, true);
    BadRecordPolicy policy = spec.onBad();
    int parts = SequenceData.partitionsFor(spark, in.frame());
    JavaRDD<Row> scored = SequenceGrouping.group(in.frame(), plan, check, policy, parts, true)
        .mapPartitions(it -> decode(it, plan, step, policy == BadRecordPolicy.SKIP, scoredColumns::row));
    return scoredColumns.write(spark, scored, outFormat, out, e -> SequenceFiles.translate(e, in.frame(), spec, plan));
  }

  /**
   * The Spark ML entry point: {@code dataset}'s rows with {@code stateCol} (the Viterbi state, an
   * int), {@code probabilityCol} (γ_t, an ml Vector) and, unless {@code logDensityCol} is empty,
   * log p(x_t | x_0..x_{t−1}) added, sequence by sequence in order. The features column is read as
   * {@link SequenceData#fromDataset} reads it.
   */
  public static Dataset<Row> score(Dataset<?> dataset, String featuresCol, RecordCheck check,
      SequenceColumns columns, HmmEStep step, String stateCol, String probabilityCol, String logDensityCol) {
    SequenceData.Opened in = SequenceDataset.open(dataset, featuresCol, columns);
    SequencePlan plan = in.plan();
    boolean withDensity = !logDensityCol.isEmpty();
    StructType schema = dataset.schema().add(stateCol, DataTypes.IntegerType, false)
        .add(probabilityCol, org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false);
    if (withDensity) {
      schema = schema.add(logDensityCol, DataTypes.DoubleType, false);
    }
    int own = dataset.schema().fields().length;
    int k = step.k();
    SparkSession spark = dataset.sparkSession();
    JavaRDD<Row> scored = SequenceGrouping.group(in.frame(), plan, check, BadRecordPolicy.FAIL,
            SequenceData.partitionsFor(spark, in.frame()), true)
        .mapPartitions(it -> decode(it, plan, step, false, (r, state, p, off, logDensity) -> {
          Object[] values = new Object[own + (withDensity ? 3 : 2)];
          for (int c = 0; c < own; c++) {
            values[c] = r.get(c);
          }
          values[own] = state;
          values[own + 1] = org.apache.spark.ml.linalg.Vectors.dense(Arrays.copyOfRange(p, off, off + k));
          if (withDensity) {
            values[own + 2] = logDensity;
          }
          return RowFactory.create(values);
        }));
    return spark.createDataFrame(scored, schema);
  }

  /** Builds one output row from an input row, its state, its posteriors at {@code p[off..off+k)} and its log-density. */
  private interface RowOut extends java.io.Serializable {
    Row apply(Row r, int state, double[] p, int off, double logDensity);
  }

  private static Iterator<Row> decode(Iterator<Tuple2<String, SequenceBuffer>> it, SequencePlan plan,
      HmmEStep step, boolean dropDuplicates, RowOut out) {
    int width = plan.blockWidth();
    int k = step.k();
    List<SequenceBuffer> seqs = SequenceGrouping.sortedSequences(it);
    return seqs.stream().filter(b -> b.key != null).flatMap(b -> {
      int[] order = b.sortedByOrder(dropDuplicates);
      int n = order.length;
      double[] x = SequenceBlocks.rows(b, order, plan);
      double[] w = new double[n];
      Arrays.fill(w, 1.0);
      Block block = new Block(n, width, x, w, 0, new int[] {0, n});
      double[] gamma = new double[n * k];
      int[] states = new int[n];
      double[] logDensity = new double[n];
      step.decode(block, gamma, states, logDensity);
      List<Row> rows = new ArrayList<>(n);
      for (int t = 0; t < n; t++) {
        rows.add(out.apply((Row) b.rows.get(order[t]), states[t], gamma, t * k, logDensity[t]));
      }
      return rows.stream();
    }).iterator();
  }
}
