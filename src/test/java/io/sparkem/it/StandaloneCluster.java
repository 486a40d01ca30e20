package io.sparkem.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and N Workers, each its own JVM started
 * from the project's runtime classpath. SPARK_HOME is a directory whose {@code jars/} links those
 * jars (all a Worker needs to start executors). Free ports only; every process is stopped by PID.
 */
final class StandaloneCluster implements AutoCloseable {

  private final Path home;
  private final Path logs;
  private final int port;
  private final int webPort;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  StandaloneCluster(int workerCount, String workerMemory) throws Exception {
    home = Files.createTempDirectory("spark-home");
    logs = Files.createDirectories(home.resolve("logs"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : Files.readString(Launcher.root().resolve("target/classpath.txt")).strip()
        .split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (jar.toString().endsWith(".jar") && !Files.exists(jars.resolve(jar.getFileName()))) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
    }
    port = freePort();
    webPort = freePort();
    master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", String.valueOf(port), "--webui-port", String.valueOf(webPort)));
    for (int i = 0; i < workerCount; i++) {
      workers.add(startWorker(i, workerMemory));
    }
    awaitWorkers(workerCount);
  }

  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** Kills worker i and every executor it started, as kill -9 would. */
  void killWorker(int i) {
    Process w = workers.get(i);
    w.descendants().forEach(ProcessHandle::destroyForcibly);
    w.destroyForcibly();
  }

  /** Starts worker i again (after {@link #killWorker}). */
  void restartWorker(int i, String memory) throws Exception {
    workers.set(i, startWorker(i, memory));
    awaitWorkers(workers.size());
  }

  private Process startWorker(int i, String memory) throws IOException {
    Path work = Files.createDirectories(home.resolve("work-" + i + "-" + System.nanoTime()));
    return start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", url(), "--host",
        "127.0.0.1", "--cores", "1", "--memory", memory, "--work-dir", work.toString(),
        "--webui-port", String.valueOf(freePort())));
  }

  private Process start(String name, List<String> mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(Files.readString(Launcher.root().resolve("submit/jvm-flags")).strip().split("\\s+")));
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + "/*");
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
    return pb.start();
  }

  /** Polls the Master's JSON status until {@code n} workers are alive (30 s at most). */
  private void awaitWorkers(int n) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (last.replaceAll("\\s", "").contains("\"aliveworkers\":" + n)) {
          return;
        }
      } catch (IOException e) {
        // the master is still starting
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException("the cluster did not get " + n + " alive workers: " + last
        + "\nlogs in " + logs);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Process w : workers) {
      w.descendants().forEach(ProcessHandle::destroyForcibly);
      w.destroyForcibly();
    }
    master.destroyForcibly();
    for (Process p : workers) {
      waitQuietly(p);
    }
    waitQuietly(master);
  }

  private static void waitQuietly(Process p) {
    try {
      p.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
