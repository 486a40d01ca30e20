package io.sparkem.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster for the integration tests: one Master and N Workers, each a
 * separate JVM started from the project's own Spark jars, on 127.0.0.1 with free ports.
 *
 * <p>SPARK_HOME is a temporary directory whose {@code jars/} links the runtime classpath
 * ({@code target/classpath.txt}); the Workers get {@code SPARK_HOME} and
 * {@code SPARK_SCALA_VERSION=2.13}, without which every executor dies with "Cannot find any build
 * directories" (shared/FACTS.md). Every process is stopped by its PID, with its children (the
 * executor JVMs a Worker launched).
 */
public final class StandaloneCluster implements AutoCloseable {

  private final Path home;
  private final Path logs;
  private final int masterPort;
  private final int masterUiPort;
  private final Process master;
  private final Map<Integer, Process> workers = new LinkedHashMap<>();
  private int nextWorker;

  private StandaloneCluster(Path home, Path logs) throws IOException {
    this.home = home;
    this.logs = logs;
    this.masterPort = Ports.free();
    this.masterUiPort = Ports.free();
    this.master = start("master", List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
        "--webui-port", String.valueOf(masterUiPort)), Map.of());
  }

  /** Starts a Master and {@code workers} Workers of 1 core and {@code workerMemory} each. */
  public static StandaloneCluster start(Path dir, int workers, String workerMemory) {
    StandaloneCluster c = null;
    try {
      Path home = Files.createDirectories(dir.resolve("spark-home"));
      linkJars(Files.createDirectories(home.resolve("jars")));
      c = new StandaloneCluster(home, Files.createDirectories(dir.resolve("logs")));
      for (int i = 0; i < workers; i++) {
        c.addWorker(workerMemory);
      }
      c.awaitWorkers(workers);
      return c;
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        c.close();
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The directory serving as SPARK_HOME (jars/ only). */
  public Path sparkHome() {
    return home;
  }

  /** Where the Master, Worker and executor logs go. */
  public Path logs() {
    return logs;
  }

  /** Starts one more Worker; returns its id (used by {@link #kill}). */
  public int addWorker(String memory) throws IOException {
    int id = nextWorker++;
    Path work = Files.createDirectories(logs.resolve("worker-" + id + "-work"));
    Process p = start("worker-" + id, List.of("org.apache.spark.deploy.worker.Worker", masterUrl(),
        "--host", "127.0.0.1", "--port", String.valueOf(Ports.free()),
        "--webui-port", String.valueOf(Ports.free()), "--cores", "1", "--memory", memory,
        "--work-dir", work.toString()),
        Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13",
            "SPARK_LOCAL_IP", "127.0.0.1"));
    workers.put(id, p);
    return id;
  }

  /** Ids of the Workers started and not killed. */
  public List<Integer> workerIds() {
    return new ArrayList<>(workers.keySet());
  }

  /** PIDs of the executor JVMs a Worker runs now. */
  public List<Long> executorPids(int worker) {
    return workers.get(worker).toHandle().descendants().map(ProcessHandle::pid).toList();
  }

  /** kill -9 of one Worker and every executor it launched; returns how many processes died. */
  public int kill(int worker) {
    Process p = workers.remove(worker);
    List<ProcessHandle> children = p.toHandle().descendants().toList();
    p.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    return 1 + children.size();
  }

  /** Waits until the Master lists {@code n} ALIVE workers. */
  public void awaitWorkers(int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException("the Spark Master died; see " + logs.resolve("master.log"));
      }
      try {
        last = masterJson();
        if (count(last, "\"state\" : \"ALIVE\"") + count(last, "\"state\":\"ALIVE\"") >= n) {
          return;
        }
      } catch (IOException e) {
        last = e.toString(); // the Master is not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(300);
    }
    throw new IllegalStateException("no " + n + " alive workers after 90 s: " + last + "; see " + logs);
  }

  /** The Master's status page as JSON (workers, applications). */
  public String masterJson() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Stops every process this cluster started, by PID, children first. */
  @Override
  public void close() {
    List<Process> all = new ArrayList<>(workers.values());
    all.add(master);
    for (Process p : all) {
      p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : all) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
  }

  private Process start(String name, List<String> mainAndArgs, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Launcher.java());
    cmd.addAll(Launcher.jvmFlags());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + "/*");
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  /** Links every jar of the runtime classpath into {@code jars}. */
  private static void linkJars(Path jars) throws IOException {
    for (String entry : Launcher.runtimeClasspath()) {
      Path jar = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
        continue;
      }
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Free TCP ports on 127.0.0.1. */
  static final class Ports {
    private Ports() {}

    static int free() {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        s.setReuseAddress(true);
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
