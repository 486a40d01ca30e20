package io.sparkem.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS in the test JVM: Hadoop's MiniDFSCluster (one NameNode, one DataNode) from the
 * shaded {@code hadoop-client-minicluster}, on 127.0.0.1 with ephemeral ports. Other JVMs (the
 * submit/em driver, the executors) reach it through {@link #uri}.
 */
public final class MiniHdfs implements AutoCloseable {

  private final MiniDFSCluster cluster;
  private final FileSystem fs;

  private MiniHdfs(MiniDFSCluster cluster) throws IOException {
    this.cluster = cluster;
    this.fs = cluster.getFileSystem();
  }

  public static MiniHdfs start(Path baseDir) {
    try {
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
      conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
      conf.set("dfs.namenode.http-address", "127.0.0.1:0");
      conf.set("dfs.datanode.address", "127.0.0.1:0");
      conf.set("dfs.datanode.http.address", "127.0.0.1:0");
      conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
      MiniDFSCluster c = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
      c.waitActive();
      return new MiniHdfs(c);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code hdfs://127.0.0.1:PORT} + path. */
  public String uri(String path) {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort() + (path.startsWith("/") ? path : "/" + path);
  }

  public FileSystem fs() {
    return fs;
  }

  /** Copies a local file to HDFS. */
  public void put(Path local, String path) throws IOException {
    try (InputStream in = Files.newInputStream(local);
        OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
      in.transferTo(out);
    }
  }

  /** Copies an HDFS file to a local one. */
  public Path get(String path, Path local) throws IOException {
    Files.createDirectories(local.getParent());
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
      Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return local;
  }

  public boolean exists(String path) throws IOException {
    return fs.exists(new org.apache.hadoop.fs.Path(path));
  }

  /** Names in an HDFS directory. */
  public List<String> list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path(dir))) {
      names.add(s.getPath().getName());
    }
    return names;
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
