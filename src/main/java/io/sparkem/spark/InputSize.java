package io.sparkem.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;

/**
 * About how many records the input files hold, before Spark reads them, for {@link StoragePlan}:
 * the files' total size times records per byte measured on a sample. Text (CSV, JSON lines,
 * LibSVM): the lines in the first MiB of the largest file; Parquet: the record counts in the
 * footers of the (up to {@value #PARQUET_FOOTERS}) largest files — exact when there are no more.
 * Unknown (-1) for compressed text, whose size on disk says little about its lines, and for
 * anything that cannot be listed or opened (the reader reports that itself).
 */
final class InputSize {

  /** Bytes of text sampled for the mean line length. */
  static final int TEXT_SAMPLE = 1 << 20;
  /** Parquet footers read at most. */
  static final int PARQUET_FOOTERS = 64;

  private InputSize() {}

  /** Estimated records in {@code spec}'s input, or -1 when unknown. */
  static long rows(SparkSession spark, InputSpec spec) {
    try {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      List<FileStatus> files = files(spec.path(), conf);
      if (files.isEmpty()) {
        return -1;
      }
      long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
      files.sort(Comparator.comparingLong(FileStatus::getLen).reversed());
      if (spec.format() == InputFormat.PARQUET) {
        long sampled = 0;
        long rows = 0;
        for (FileStatus f : files.subList(0, Math.min(PARQUET_FOOTERS, files.size()))) {
          try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
            rows += r.getRecordCount();
          }
          sampled += f.getLen();
        }
        return sampled == bytes ? rows : Math.round((double) rows / sampled * bytes);
      }
      CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
      if (files.stream().anyMatch(f -> codecs.getCodec(f.getPath()) != null)) {
        return -1;
      }
      FileStatus largest = files.get(0);
      double linesPerByte;
      try (InputStream in = largest.getPath().getFileSystem(conf).open(largest.getPath())) {
        linesPerByte = linesPerByte(in.readNBytes((int) Math.min(TEXT_SAMPLE, largest.getLen())),
            largest.getLen() <= TEXT_SAMPLE);
      }
      long lines = Math.round(linesPerByte * bytes);
      // Each CSV file starts with a header line.
      return Math.max(0, spec.format() == InputFormat.CSV ? lines - files.size() : lines);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Lines per byte of {@code sample}: its newlines over the bytes up to the last of them; when
   * {@code whole} (the sample is the entire file) an unterminated last line counts too. 0 when
   * the sample holds no line end (one line longer than the sample: too few lines to matter).
   */
  static double linesPerByte(byte[] sample, boolean whole) {
    int lines = 0;
    int end = 0;
    for (int i = 0; i < sample.length; i++) {
      if (sample[i] == '\n') {
        lines++;
        end = i + 1;
      }
    }
    if (whole && end < sample.length) {
      lines++;
      end = sample.length;
    }
    return end == 0 ? 0 : (double) lines / end;
  }

  /** The files a reader of {@code path} (file, directory or glob) sees: hidden names (_ or .) left out. */
  private static List<FileStatus> files(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus[] found = fs.globStatus(p);
    List<FileStatus> files = new ArrayList<>();
    if (found == null) {
      return files;
    }
    for (FileStatus s : found) {
      if (s.isFile()) {
        files.add(s);
        continue;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(s.getPath(), true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (!InputFiles.hidden(s.getPath(), f.getPath())) {
          files.add(f);
        }
      }
    }
    return files;
  }
}
