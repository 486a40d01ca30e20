package io.sparkem.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on real parts: {@code submit/em} (the launcher, as a subprocess) against a Spark
 * standalone cluster of one Master and two Workers (separate JVMs) and a MiniDFSCluster, shared by
 * every test of this class. The fault tests run last: executor loss kills a Worker.
 *
 * <p>Every run fixes the partitioning ({@code spark.default.parallelism=2},
 * {@code spark.sql.files.maxPartitionBytes=1m}: four splits of the 3.4 MB input) so that local
 * mode and the cluster read the same partitions; statistics are merged in partition order, so
 * equal partitioning gives equal numbers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final int ROWS = 60_000;
  private static final int MAX_ITER = 20;

  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static MiniHdfs hdfs;
  static Path data;
  /** The undisturbed cluster fit: the reference for the fault tests. */
  static JsonNode clusterModel;
  /** Wall time of the fastest undisturbed cluster run of the same fit (the machine is shared). */
  static double clusterSeconds = Double.MAX_VALUE;

  @BeforeAll
  static void start() {
    long t0 = System.nanoTime();
    data = Models.blobs(dir.resolve("data/blobs.csv"), ROWS, 11);
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, "1g");
    hdfs = MiniHdfs.start(dir.resolve("hdfs"));
    System.out.printf("ClusterIT: master %s with 2 workers and HDFS %s up in %.1f s%n",
        cluster.masterUrl(), hdfs.uri("/"), (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** The fit options every run here shares (the input and output are added per run). */
  private static List<String> fitArgs(String input, String output, String... more) {
    List<String> a = new ArrayList<>(List.of("fit", "--input", input, "--output", output,
        "--k", "3", "--tol", "0", "--max-iter", String.valueOf(MAX_ITER), "--seed", "7",
        "--conf", "spark.default.parallelism=2", "--conf", "spark.sql.files.maxPartitionBytes=1m"));
    a.addAll(Arrays.asList(more));
    return a;
  }

  private static String[] onCluster(List<String> args, String... spark) {
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of("--master", cluster.masterUrl(), "--conf", "spark.executor.cores=1"));
    a.addAll(Arrays.asList(spark));
    return a.toArray(String[]::new);
  }

  private static Launcher.Result ok(Launcher.Result r) {
    assertThat(r.code()).as("exit code; stderr:\n%s", r.err()).isZero();
    assertThat(r.err()).doesNotContain("\tat ");
    return r;
  }

  /** Exit 0; Spark's own WARN/ERROR logs of a lost executor may carry stack traces. */
  private static Launcher.Result okDespiteFaults(Launcher.Result r) {
    assertThat(r.code()).as("exit code; stderr:\n%s", r.err()).isZero();
    assertThat(r.err()).doesNotContain("internal error");
    return r;
  }

  static void assertValidModel(Path dirOrFile) throws Exception {
    Launcher.Result check = Launcher.checkModel(dirOrFile);
    assertThat(check.code()).as("check-model.py %s: %s", dirOrFile, check.out()).isZero();
  }

  @Test
  @Order(1)
  void clusterFitEqualsLocalFit() throws Exception {
    Path local = dir.resolve("local-fit");
    Launcher.Result l = ok(Launcher.run(300, fitArgs(data.toString(), local.toString()).toArray(String[]::new)));
    Path remote = dir.resolve("cluster-fit");
    Launcher.Result c = ok(Launcher.run(300, onCluster(fitArgs(data.toString(), remote.toString()))));
    assertValidModel(local);
    assertValidModel(remote);
    clusterModel = Models.read(remote);
    clusterSeconds = Math.min(clusterSeconds, c.seconds());
    assertThat(clusterModel.path("iterations").asInt()).isEqualTo(MAX_ITER);
    assertThat(clusterModel.path("provenance").path("partitions").asInt()).isGreaterThanOrEqualTo(2);
    double d = Models.assertSameModel(Models.read(local), clusterModel, 1e-9);
    System.out.printf("ClusterIT fit: local %.1f s, cluster %.1f s, max relative difference %s%n",
        l.seconds(), c.seconds(), Models.fmt(d));
  }

  @Test
  @Order(2)
  void clusterPredictEqualsLocalPredict() throws Exception {
    Path model = dir.resolve("local-fit");
    String[] common = {"predict", "--model", model.toString(), "--input", data.toString(), "--format", "csv",
        "--conf", "spark.default.parallelism=2", "--conf", "spark.sql.files.maxPartitionBytes=1m"};
    Path local = dir.resolve("local-predict");
    ok(Launcher.run(300, concat(common, "--output", local.toString())));
    Path remote = dir.resolve("cluster-predict");
    ok(Launcher.run(300, concat(common, "--output", remote.toString(), "--master", cluster.masterUrl())));
    List<String> a = Models.csvRows(local);
    List<String> b = Models.csvRows(remote);
    assertThat(a).hasSize(ROWS);
    double d = Models.maxCellDifference(a, b);
    assertThat(d).isLessThanOrEqualTo(1e-9);
    System.out.printf("ClusterIT predict: %d rows, max cell difference %s%n", a.size(), Models.fmt(d));
  }

  @Test
  @Order(3)
  void hdfsInputAndOutputOnTheCluster() throws Exception {
    hdfs.put(data, "/in/blobs.csv");
    String out = hdfs.uri("/models/fit");
    clusterSeconds = Math.min(clusterSeconds,
        ok(Launcher.run(300, onCluster(fitArgs(hdfs.uri("/in/blobs.csv"), out)))).seconds());
    assertThat(hdfs.list("/models")).containsExactly("fit"); // committed by rename, no temporary left
    Path copy = hdfs.get("/models/fit/model.json", dir.resolve("from-hdfs/model.json"));
    assertValidModel(copy);
    double d = Models.assertSameModel(clusterModel, Models.read(copy), 1e-12);
    // predict reads the model from and writes the scores to HDFS too
    ok(Launcher.run(300, onCluster(List.of("predict", "--model", out, "--input", hdfs.uri("/in/blobs.csv"),
        "--output", hdfs.uri("/scores"), "--format", "csv"))));
    assertThat(hdfs.list("/scores")).anyMatch(n -> n.startsWith("part-"));
    System.out.printf("ClusterIT HDFS: model from hdfs:// input equals the local-file one (max diff %s)%n",
        Models.fmt(d));
  }

  @Test
  @Order(4)
  void smallExecutorsSpillTheCacheToDiskAndStillFinish() throws Exception {
    // 300,000 rows x 3 features: ~9.6 MB of cached blocks. Executors of 512 MiB with
    // spark.memory.fraction 0.01 have ~2 MiB of unified (storage + execution) memory each, so
    // the cache cannot fit in memory: MEMORY_AND_DISK (forced) must put blocks on disk, and the
    // default sees it coming and caches DISK_ONLY, with the same model.
    Path big = Models.blobs(dir.resolve("data/big.csv"), 300_000, 5);
    Path out = dir.resolve("spill-fit");
    Launcher.Result r = ok(Launcher.run(600, onCluster(List.of("fit", "--input", big.toString(),
        "--output", out.toString(), "--k", "3", "--max-iter", "5", "--tol", "0",
        "--conf", "spark.default.parallelism=2"),
        "--executor-memory", "512m", "--conf", "spark.memory.fraction=0.01",
        "--conf", "spark.sparkem.storageLevel=memory")));
    assertValidModel(out);
    JsonNode m = Models.read(out);
    assertThat(m.path("records").asLong()).isEqualTo(300_000);
    long spilled = grepExecutorLogs("Not enough space to cache", "to disk instead");
    assertThat(spilled).as("executor logs report blocks that did not fit in memory").isPositive();
    System.out.printf("ClusterIT spill: 300k rows on 2 x 512 MiB executors (memory.fraction 0.01) in %.1f s, "
        + "%d spill messages in the executor logs%n", r.seconds(), spilled);

    Path auto = dir.resolve("disk-only-fit");
    Launcher.Result a = ok(Launcher.run(600, onCluster(List.of("fit", "--input", big.toString(),
        "--output", auto.toString(), "--k", "3", "--max-iter", "5", "--tol", "0",
        "--conf", "spark.default.parallelism=2"),
        "--executor-memory", "512m", "--conf", "spark.memory.fraction=0.01")));
    assertThat(a.err()).contains("caching on disk (DISK_ONLY");
    double d = Models.assertSameModel(Models.read(out), Models.read(auto), 0);
    System.out.printf("ClusterIT DISK_ONLY: the default cached on disk, %.1f s, same model (max diff %s)%n",
        a.seconds(), Models.fmt(d));
  }

  @Test
  @Order(5)
  void driverKilledMidFitResumesFromItsCheckpointOnHdfs() throws Exception {
    String ckpt = hdfs.uri("/ckpt");
    String out = hdfs.uri("/models/resumed");
    // The reference is the uninterrupted cluster fit of test 1: the same data read from a local
    // file (test 3 showed that reading it from HDFS gives the same model).
    String input = hdfs.uri("/in/blobs.csv");

    Launcher.Running first = Launcher.start(onCluster(fitArgs(input, out, "--checkpoint-dir", ckpt)));
    boolean reached = first.awaitLine(l -> l.contains("iteration 5/" + MAX_ITER), 240);
    assertThat(reached).as("iteration 5 logged before the kill; stderr:\n%s", first.err()).isTrue();
    long killedAt = System.nanoTime();
    first.killHard();
    assertThat(hdfs.exists("/models/resumed")).as("no output from the killed driver").isFalse();
    assertThat(hdfs.list("/ckpt")).contains("checkpoint.json");

    Launcher.Running second = Launcher.start(onCluster(fitArgs(input, out, "--checkpoint-dir", ckpt, "--resume")));
    Launcher.Result r = ok(second.await(300));
    Matcher after = Pattern.compile("after iteration (\\d+)").matcher(r.err());
    assertThat(after.find()).as("the resumed run says where it continues:\n%s", r.err()).isTrue();
    int resumedAfter = Integer.parseInt(after.group(1));
    // Iteration 5 is logged just before its checkpoint is written: the kill may fall in between.
    assertThat(resumedAfter).isBetween(4, MAX_ITER - 1);
    Path copy = hdfs.get("/models/resumed/model.json", dir.resolve("resumed/model.json"));
    assertValidModel(copy);
    JsonNode resumed = Models.read(copy);
    JsonNode reference = clusterModel;
    double d = Models.assertSameModel(reference, resumed, 1e-12);
    assertThat(resumed.path("components")).isEqualTo(reference.path("components"));
    System.out.printf("ClusterIT driver loss: killed after iteration 5 was logged, resumed after iteration %d, "
        + "resume run %.1f s (fastest uninterrupted run %.1f s), %d iterations, max relative difference %s%n",
        resumedAfter, r.seconds(), clusterSeconds, resumed.path("iterations").asInt(), Models.fmt(d));
    assertThat(killedAt).isPositive();
  }

  @Test
  @Order(6)
  void executorLossMidFitGivesTheSameModel() throws Exception {
    Path out = dir.resolve("executor-loss");
    Launcher.Running run = Launcher.start(onCluster(fitArgs(data.toString(), out.toString())));
    assertThat(run.awaitLine(l -> l.contains("iteration 3/" + MAX_ITER), 240))
        .as("iteration 3 logged; stderr:\n%s", run.err()).isTrue();
    int worker = cluster.workerIds().get(0);
    List<Long> executors = cluster.executorPids(worker);
    long killedAt = System.nanoTime();
    int killed = cluster.kill(worker);
    Launcher.Result r = okDespiteFaults(run.await(600));
    double afterKill = (System.nanoTime() - killedAt) / 1e9;
    assertThat(executors).as("the killed Worker was running an executor of the job").isNotEmpty();
    assertValidModel(out);
    JsonNode m = Models.read(out);
    double d = Models.assertSameModel(clusterModel, m, 1e-12);
    assertThat(m.path("components")).isEqualTo(clusterModel.path("components"));
    System.out.printf("ClusterIT executor loss: kill -9 of a Worker and its executor (%d processes) after "
        + "iteration 3; exit 0 in %.1f s vs %.1f s undisturbed (+%.1f s), %.1f s from the kill to the end, "
        + "max relative difference of θ %s%n", killed, r.seconds(), clusterSeconds,
        r.seconds() - clusterSeconds, afterKill, Models.fmt(d));
    cluster.addWorker("1g"); // leave the cluster whole for any later test
  }

  private static long grepExecutorLogs(String... needles) throws Exception {
    long n = 0;
    try (var files = Files.walk(cluster.logs())) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
        for (String line : Files.readAllLines(p)) {
          for (String needle : needles) {
            if (line.contains(needle)) {
              n++;
            }
          }
        }
      }
    }
    return n;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
