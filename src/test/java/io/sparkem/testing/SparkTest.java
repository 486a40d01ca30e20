package io.sparkem.testing;

import io.sparkem.core.Block;
import io.sparkem.spark.SparkData;
import io.sparkem.spark.SparkStatisticsSource;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
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

  /**
   * {@code blocks} cut into {@code partitions} Spark partitions and cached, as the distributed
   * statistics source the fits read ({@code features} names the block columns).
   */
  public static SparkStatisticsSource source(List<Block> blocks, int partitions, List<String> features) {
    JavaRDD<Block> rdd = jsc().parallelize(blocks, partitions).cache();
    List<Integer> counts = rdd.mapPartitions(it -> {
      int n = 0;
      while (it.hasNext()) {
        n += it.next().rows();
      }
      return List.of(n).iterator();
    }).collect();
    long[] first = new long[counts.size()];
    long records = 0;
    for (int p = 0; p < counts.size(); p++) {
      first[p] = records;
      records += counts.get(p);
    }
    double weight = blocks.stream().mapToDouble(Block::totalWeight).sum();
    return new SparkStatisticsSource(jsc(), new SparkData(rdd, first, records, weight, 0, features,
        features.size()));
  }
}
