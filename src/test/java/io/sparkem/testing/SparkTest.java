package io.sparkem.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession for the whole test JVM (starting Spark costs seconds). */
public final class SparkTest {

  private SparkTest() {}

  public static synchronized SparkSession spark() {
    return SparkSession.builder().master("local[2]").appName("spark-em tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  public static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(spark().sparkContext());
  }
}
