package io.sparkem.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Test data and model.json comparisons for the integration tests. */
public final class Models {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Models() {}

  public static JsonNode read(Path modelJson) {
    try {
      return JSON.readTree((Files.isDirectory(modelJson) ? modelJson.resolve("model.json") : modelJson).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * n rows of three overlapping 3-D Gaussian blobs as CSV with header {@code x,y,z}: EM needs many
   * iterations on them, so a fit with {@code --tol 0} runs to {@code --max-iter}. Full 17
   * significant digits, so the file is a few MiB at tens of thousands of rows.
   */
  public static Path blobs(Path file, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = {{0, 0, 0}, {2.5, 2, 0}, {0, 2.5, 2}};
    StringBuilder sb = new StringBuilder(n * 60).append("x,y,z\n");
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % 3];
      sb.append(c[0] + rng.nextGaussian()).append(',')
          .append(c[1] + 0.7 * rng.nextGaussian()).append(',')
          .append(c[2] + 1.5 * rng.nextGaussian()).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** θ (components), the log-likelihood and the trace's log-likelihoods, as one vector. */
  public static double[] numbers(JsonNode model) {
    List<Double> out = new ArrayList<>();
    flatten(model.path("components"), out);
    out.add(model.path("logLikelihood").asDouble());
    model.path("trace").forEach(t -> out.add(t.path("logLikelihood").asDouble()));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flatten(JsonNode n, List<Double> out) {
    if (n.isNumber()) {
      out.add(n.asDouble());
    } else if (n.isContainerNode()) {
      n.forEach(c -> flatten(c, out));
    }
  }

  /** Largest |a−b| / max(1, |a|, |b|) over θ, the log-likelihood and the trace. */
  public static double maxRelativeDifference(JsonNode a, JsonNode b) {
    double[] x = numbers(a);
    double[] y = numbers(b);
    assertThat(y).as("same shape of θ and trace").hasSameSizeAs(x);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.max(Math.abs(x[i]), Math.abs(y[i]))));
    }
    return worst;
  }

  /** Same k, iterations and convergence, and every number within {@code tol} (relative). */
  public static double assertSameModel(JsonNode expected, JsonNode actual, double tol) {
    assertThat(actual.path("k")).isEqualTo(expected.path("k"));
    assertThat(actual.path("iterations")).isEqualTo(expected.path("iterations"));
    assertThat(actual.path("converged")).isEqualTo(expected.path("converged"));
    assertThat(actual.path("records")).isEqualTo(expected.path("records"));
    double d = maxRelativeDifference(expected, actual);
    assertThat(d).as("max relative difference of θ, LL and trace").isLessThanOrEqualTo(tol);
    return d;
  }

  /** Rows of a CSV output directory (part files, headers dropped), sorted, as text. */
  public static List<String> csvRows(Path dir) {
    try (var files = Files.list(dir)) {
      List<String> rows = new ArrayList<>();
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
        List<String> lines = Files.readAllLines(p);
        rows.addAll(lines.subList(Math.min(1, lines.size()), lines.size()));
      }
      rows.sort(null);
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Largest difference between two sorted CSV row lists, numerically per cell. */
  public static double maxCellDifference(List<String> a, List<String> b) {
    assertThat(b).hasSameSizeAs(a);
    double worst = 0;
    for (int i = 0; i < a.size(); i++) {
      String[] x = a.get(i).split(",");
      String[] y = b.get(i).split(",");
      assertThat(y).as("row %d", i).hasSameSizeAs(x);
      for (int c = 0; c < x.length; c++) {
        worst = Math.max(worst, Math.abs(Double.parseDouble(x[c]) - Double.parseDouble(y[c])));
      }
    }
    return worst;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
