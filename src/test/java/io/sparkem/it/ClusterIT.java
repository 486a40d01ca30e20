package io.sparkem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code submit/em --master spark://…} on a real two-Worker standalone cluster gives the numbers of
 * an embedded local run; a Worker killed with its executor mid-fit costs time, not correctness.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static StandaloneCluster cluster;
  private static Path dir;
  private static Path data;
  private static final String[] FIT = {"--k", "6", "--tol", "0", "--max-iter", "40", "--seed", "3"};
  private static Launcher.Result localFit;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("cluster-it");
    data = dir.resolve("data");
    Launcher.Result gen = Launcher.run("generate", "--output", data.toString(), "--n", "60000", "--k", "3",
        "--dimension", "3", "--seed", "5");
    assertThat(gen.code()).as(gen.err()).isZero();
    localFit = fit(null, "local");
    assertThat(localFit.code()).as(localFit.err()).isZero();
    cluster = new StandaloneCluster(2, "1g");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Launcher.Result fit(String master, String name, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("fit", "--input", data.toString(), "--output",
        dir.resolve(name).toString(), "--overwrite"));
    args.addAll(List.of(FIT));
    if (master != null) {
      args.addAll(List.of("--master", master, "--conf", "spark.executor.memory=512m"));
    }
    args.addAll(List.of(extra));
    return Launcher.run(args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void fitOnTheClusterEqualsTheLocalFit() throws Exception {
    Launcher.Result remote = fit(cluster.url(), "remote");
    assertThat(remote.code()).as(remote.err()).isZero();
    assertThat(remote.err()).contains("iteration 40/40");
    Models.assertSameNumbers(Models.read(dir.resolve("remote")), Models.read(dir.resolve("local")), 1e-9);
    Models.assertContractValid(dir.resolve("remote"));
    System.out.printf("cluster fit: %.1f s (local %.1f s)%n", remote.seconds(), localFit.seconds());
  }

  @Test
  @Order(2)
  void predictOnTheClusterEqualsTheLocalPredict() throws Exception {
    Launcher.Result local = Launcher.run("predict", "--model", dir.resolve("local").toString(), "--input",
        data.toString(), "--output", dir.resolve("p-local").toString(), "--format", "csv");
    Launcher.Result remote = Launcher.run("predict", "--master", cluster.url(), "--model",
        dir.resolve("local").toString(), "--input", data.toString(), "--output",
        dir.resolve("p-remote").toString(), "--format", "csv");
    assertThat(local.code()).as(local.err()).isZero();
    assertThat(remote.code()).as(remote.err()).isZero();
    assertThat(sortedLines(dir.resolve("p-remote"))).isEqualTo(sortedLines(dir.resolve("p-local")));
  }

  @Test
  @Order(3)
  void aWorkerKilledMidFitCostsTimeNotCorrectness() throws Exception {
    Launcher.Result undisturbed = fit(cluster.url(), "undisturbed");
    assertThat(undisturbed.code()).as(undisturbed.err()).isZero();
    Launcher.Result disturbed = Launcher.runUntil(line -> line.contains("iteration 10/40"),
        () -> cluster.killWorker(1),
        argsFor(cluster.url(), "disturbed"));
    assertThat(disturbed.code()).as(disturbed.err()).isZero();
    assertThat(disturbed.err()).as("the driver saw the executor go").contains("Lost executor");
    Models.assertSameNumbers(Models.read(dir.resolve("disturbed")), Models.read(dir.resolve("undisturbed")), 1e-9);
    System.out.printf("worker loss: %.1f s against %.1f s undisturbed (%.1fx)%n", disturbed.seconds(),
        undisturbed.seconds(), disturbed.seconds() / undisturbed.seconds());
    cluster.restartWorker(1, "1g");
  }

  private static String[] argsFor(String master, String name) {
    List<String> args = new java.util.ArrayList<>(List.of("fit", "--input", data.toString(), "--output",
        dir.resolve(name).toString(), "--overwrite", "--master", master, "--conf", "spark.executor.memory=512m"));
    args.addAll(List.of(FIT));
    return args.toArray(String[]::new);
  }

  private static List<String> sortedLines(Path csvDir) throws Exception {
    try (var files = Files.list(csvDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".csv"))
          .flatMap(p -> {
            try {
              return Files.readAllLines(p).stream().skip(1);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).sorted().toList();
    }
  }
}
