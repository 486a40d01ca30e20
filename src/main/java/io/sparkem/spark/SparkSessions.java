package io.sparkem.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession. Under {@code spark-submit} the master and everything else come from the
 * submitter; run directly (embedded), the job uses {@code local[*]}.
 */
public final class SparkSessions {

  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    if (SparkSession.getDefaultSession().isDefined()) {
      return SparkSession.getDefaultSession().get(); // a host application's, or an earlier command's
    }
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!conf.contains("spark.master")) {
      builder.master("local[*]");
    }
    if (!conf.contains("spark.sql.files.openCostInBytes")) {
      // Spark counts 4 MiB per file when it sizes input splits, so a file of a few MiB would be
      // one partition and keep all but one core idle in every pass; 256 KiB splits such files
      // across the cores without a shuffle (which would make the record order nondeterministic).
      builder.config("spark.sql.files.openCostInBytes", String.valueOf(256 * 1024));
    }
    String master = conf.get("spark.master", "local[*]");
    if (!conf.contains("spark.executor.killOnFatalError.depth") && master.startsWith("local")
        && !master.startsWith("local-cluster")) {
      // In local mode the executor is this JVM: a task's OutOfMemoryError would make Spark's
      // handler exit at once with code 52 and stack traces; with depth 0 the task fails as any
      // other, and the command reports it in one line with exit 1.
      builder.config("spark.executor.killOnFatalError.depth", "0");
    }
    if (!conf.contains("spark.ui.showConsoleProgress")) {
      builder.config("spark.ui.showConsoleProgress", "false");
    }
    return builder.getOrCreate();
  }

  public static JavaSparkContext context(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** The Spark version the job runs on, for model.json's provenance. */
  public static String version(SparkSession spark) {
    return spark.version();
  }
}
