package io.sparkem.fit;

import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Refuses, before the first pass, a fit that cannot fit in memory: a Gaussian mixture with full
 * covariance holds several k·d² arrays per start and per task (see {@link MemoryEstimate}), so
 * d = 5,000 needs gigabytes where d = 50 needs kilobytes. The estimate is compared with the
 * driver's heap less Spark's reserved 300 MiB, and on a cluster also with
 * {@code spark.executor.memory} less the same for {@code spark.executor.cores} concurrent tasks;
 * the refusal (exit 2) says how much is needed and what to do.
 */
final class MemoryCheck {

  /** Spark's reserved system memory per JVM (RESERVED_SYSTEM_MEMORY_BYTES). */
  private static final double RESERVED = 300.0 * 1024 * 1024;
  /** Above this many partitions the statistics are merged in a tree of about 32 results a node. */
  private static final int ORDERED_MERGE_LIMIT = 256;
  private static final Pattern LOCAL_THREADS = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");

  /** One candidate to fit: its family, k, and how many starts run at once. */
  record Planned(Family<?> family, int k, int starts) {}

  private MemoryCheck() {}

  /** Throws a user error when the fits of {@code planned} over d features and the partitions cannot fit. */
  static void check(SparkSession spark, List<Planned> planned, int d, int partitions, Wording wording) {
    MemoryEstimate total = total(planned, d);
    String master = spark.sparkContext().master();
    SparkConf conf = spark.sparkContext().getConf();
    boolean local = master.startsWith("local") && !master.startsWith("local-cluster");
    int results = partitions > ORDERED_MERGE_LIMIT ? 32 : Math.max(1, partitions);
    int tasks = local ? localThreads(master) : 0;
    double driverHas = Runtime.getRuntime().maxMemory() - RESERVED;
    double driverNeeds = total.driverBytes(results, tasks);
    if (driverNeeds > driverHas) {
      throw refusal(planned, d, "driver", driverNeeds, driverHas, total.breakdown(results, tasks),
          "give the driver more memory (--driver-memory " + gigabytes(driverNeeds) + "g)", wording);
    }
    if (!local) {
      int cores = conf.getInt("spark.executor.cores", 1);
      double executorHas = conf.getSizeAsBytes("spark.executor.memory", "1g") - RESERVED;
      double executorNeeds = total.executorBytes(cores);
      if (executorNeeds > executorHas) {
        throw refusal(planned, d, "executor", executorNeeds, executorHas, total.breakdown(0, cores),
            "give the executors more memory (--executor-memory " + gigabytes(executorNeeds) + "g) or fewer "
                + "cores each (--executor-cores)", wording);
      }
    }
  }

  static MemoryEstimate total(List<Planned> planned, int d) {
    MemoryEstimate total = new MemoryEstimate(0, 0, 0, 0);
    for (Planned p : planned) {
      MemoryEstimate one = MemoryEstimate.of(p.family(), p.k(), d);
      for (int s = 0; s < p.starts(); s++) {
        total = total.plus(one);
      }
    }
    return total;
  }

  private static UserError refusal(List<Planned> planned, int d, String where, double needs, double has,
      String breakdown, String moreMemory, Wording wording) {
    Planned first = planned.get(0);
    int starts = planned.stream().mapToInt(Planned::starts).sum();
    String what = starts == 1 ? "this fit (k = " + first.k() + ", " + describe(first.family()) + ", d = " + d + ")"
        : "these " + starts + " fits sharing each pass (candidates × restarts; " + describe(first.family())
            + ", d = " + d + ")";
    String diag = "";
    if (first.family() instanceof GaussianFamily g && g.shape().type() != CovarianceType.DIAG) {
      GaussianFamily diagonal = GaussianFamily.of(CovarianceType.DIAG, FamilyOptions.defaults());
      double diagNeeds = total(planned.stream().map(p -> new Planned(diagonal, p.k(), p.starts())).toList(), d)
          .driverBytes(2, 2);
      diag = "use " + wording.value(Setting.COVARIANCE, "diag") + " (about " + MemoryEstimate.size(diagNeeds)
          + "), or ";
    }
    return new UserError(what + " needs about " + MemoryEstimate.size(needs) + " of " + where + " memory ("
        + breakdown + ") but the " + where + " has " + MemoryEstimate.size(Math.max(0, has)) + "; " + diag
        + moreMemory + ", or fit fewer features (" + wording.name(Setting.FEATURES) + ")");
  }

  private static String describe(Family<?> family) {
    return family instanceof GaussianFamily g ? "gaussian, " + g.shape().type().cliName() + " covariance"
        : family.name();
  }

  /** Threads of a local master: local → 1, local[N] → N, local[*] → the cores. */
  static int localThreads(String master) {
    Matcher m = LOCAL_THREADS.matcher(master);
    if (!m.matches()) {
      return 1;
    }
    return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
  }

  private static long gigabytes(double bytes) {
    return (long) Math.ceil((bytes + RESERVED) * 1.1 / (1L << 30));
  }
}
