package io.sparkem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Batches of a CSV data set for the lifecycle tests: the rows {@code generate} wrote (a directory of
 * part files, read in name order), cut into consecutive batches, or moved by a constant — a
 * "shifted mixture" — and written back as small CSV files.
 */
public final class CsvBatches {

  /** A header line and the data lines under it. */
  public record Csv(String header, List<String> rows) {
    /** Rows [from, to) as a CSV file. */
    public Path write(Path file, int from, int to) {
      return Data.write(file, header + "\n" + String.join("\n", rows.subList(from, to)) + "\n");
    }

    /** Every value plus {@code by}. */
    public Csv shifted(double by) {
      List<String> out = new ArrayList<>();
      for (String r : rows) {
        String[] cells = r.split(",");
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
          sb.append(c == 0 ? "" : ",").append(Double.parseDouble(cells[c]) + by);
        }
        out.add(sb.toString());
      }
      return new Csv(header, out);
    }
  }

  private CsvBatches() {}

  /** The rows of a CSV file, or of every part-*.csv of a directory in name order. */
  public static Csv read(Path fileOrDir) {
    try {
      List<Path> files;
      if (Files.isDirectory(fileOrDir)) {
        try (Stream<Path> s = Files.list(fileOrDir)) {
          files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
      } else {
        files = List.of(fileOrDir);
      }
      String header = null;
      List<String> rows = new ArrayList<>();
      for (Path f : files) {
        List<String> lines = Files.readAllLines(f);
        header = lines.get(0);
        lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).forEach(rows::add);
      }
      return new Csv(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
