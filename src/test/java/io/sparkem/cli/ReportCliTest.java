package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.report.Palette;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit} and {@code select} write report.html next to model.json; the progress line's ETA. */
class ReportCliTest {

  @TempDir Path dir;

  static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** n rows of three well-separated 3-D blobs (centres 0, 10, 20 on every axis), round robin. */
  static List<double[]> threeBlobs3d(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double c = 10 * (i % 3);
      rows.add(new double[] {c + rng.nextGaussian(), c + rng.nextGaussian(), c + rng.nextGaussian()});
    }
    return rows;
  }

  @Test
  void fitWritesAReportWithTraceAndAScatterOfEveryRecordColouredByCluster() throws Exception {
    Path in = Data.csv(dir.resolve("in/blobs.csv"), "x,y", Data.twoBlobs(400, 1));
    Path out = dir.resolve("out");
    Cli.Run run;
    String log;
    try (LogCapture capture = new LogCapture()) {
      run = Cli.run("fit", "--input", in.toString(), "--k", "2", "--output", out.toString());
      log = capture.text();
    }
    assertThat(run.code()).as(run.err()).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(count(html, "<svg ")).isEqualTo(2);
    assertThat(html).contains("<svg class=\"trace\"").contains("<svg class=\"scatter\"");
    // 400 records < 2,000: the sample is all of them; the blobs alternate and are 10σ apart, so each
    // component's colour is worn by exactly 200 points.
    assertThat(count(html, "<circle class=\"point\"")).isEqualTo(400);
    assertThat(count(html, "class=\"point\" r=\"2.2\" fill=\"" + Palette.colour(0))).isEqualTo(200);
    assertThat(count(html, "class=\"point\" r=\"2.2\" fill=\"" + Palette.colour(1))).isEqualTo(200);
    assertThat(count(html, "class=\"ellipse ellipse-1s\"")).isEqualTo(2);
    assertThat(count(html, "class=\"ellipse ellipse-2s\"")).isEqualTo(2);
    // The trace has one vertex per iteration of model.json.
    int iterations = FitCommandTest.model(out).path("iterations").asInt();
    Matcher path = Pattern.compile("class=\"trace-line\"[^>]* d=\"([^\"]*)\"").matcher(html);
    assertThat(path.find()).isTrue();
    assertThat(path.group(1).split(" L")).hasSize(iterations);
    assertThat(html).contains(in.toString());
    // Progress lines: iteration i/max and an ETA bounded by max-iter.
    assertThat(log).containsPattern("iteration 1/100 .*eta ≤ [0-9.]+ (s|min)");
  }

  @Test
  void moreThanTwoFeaturesArePlottedOnPrincipalComponents() throws Exception {
    Path in = Data.csv(dir.resolve("in/three.csv"), "a,b,c", threeBlobs3d(300, 2));
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--k", "3", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("top two principal components").contains("PC1");
    assertThat(count(html, "<circle class=\"point\"")).isEqualTo(300);
    assertThat(count(html, "class=\"ellipse ")).isEqualTo(6);
    for (int j = 0; j < 3; j++) {
      assertThat(count(html, "class=\"point\" r=\"2.2\" fill=\"" + Palette.colour(j))).isEqualTo(100);
    }
  }

  @Test
  void samplesAreBoundedToTwoThousandPoints() throws Exception {
    Path in = Data.csv(dir.resolve("in/big.csv"), "x,y", Data.twoBlobs(5000, 4));
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--k", "2", "--max-iter", "3", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(count(html, "<circle class=\"point\"")).isEqualTo(2000);
    assertThat(html).contains("2000 of 5000 records");
  }

  @Test
  void selectWritesBicAndAicCurvesAndNumbersItsCandidates() throws Exception {
    Path in = Data.csv(dir.resolve("in/blobs.csv"), "x,y", Data.twoBlobs(300, 3));
    Path out = dir.resolve("out");
    Cli.Run run;
    String log;
    try (LogCapture capture = new LogCapture()) {
      run = Cli.run("select", "--input", in.toString(), "--k-range", "1..3", "--covariance", "full,diag",
          "--output", out.toString());
      log = capture.text();
    }
    assertThat(run.code()).as(run.err()).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<svg class=\"selection\"");
    assertThat(count(html, "class=\"selection-line\"")).isEqualTo(4); // BIC, AIC × full, diag
    assertThat(count(html, "class=\"selection-point\"")).isEqualTo(12);
    assertThat(html).contains("<svg class=\"trace\"").contains("<svg class=\"scatter\"");
    // The table's marked row is the selection.json's best (the lowest BIC).
    var selection = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("selection.json").toFile());
    int bestK = selection.path("best").path("k").asInt();
    assertThat(bestK).isEqualTo(2);
    assertThat(html).containsPattern("<tr><td class=\"num\">" + bestK + "</td><td>"
        + selection.path("best").path("covariance").asText() + "</td>.*← lowest BIC");
    assertThat(log).contains("candidate 1/6 (k=1, full)").contains("candidate 6/6 (k=3, diag)");
    assertThat(log).containsPattern("candidate 2/6 \\(k=2, full\\)  iteration 1/100 .*eta ≤");
  }

  @Test
  void hiddenMarkovModelsGetTraceAndTablesWithoutAScatter() throws Exception {
    Path in = HmmCliTest.csv(dir.resolve("casino.csv"), HmmCliTest.casinoLines(20, 100, 5));
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--family", "hmm", "--emission", "categorical", "--sequence-col", "seq",
        "--order-col", "t", "--features", "roll", "--k", "2", "--max-iter", "5", "--input", in.toString(),
        "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<svg class=\"trace\"").contains("Transition probabilities")
        .doesNotContain("<svg class=\"scatter\"");
  }

  @Test
  void kmeansReportsItsCost() throws Exception {
    Path in = Data.csv(dir.resolve("in/blobs.csv"), "x,y", Data.twoBlobs(200, 6));
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("fit", "--family", "kmeans", "--input", in.toString(), "--k", "2", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("Cost per iteration").contains("<svg class=\"scatter\"");
    assertThat(count(html, "class=\"mean\"")).isEqualTo(2);
    assertThat(html).doesNotContain("class=\"ellipse ");
  }
}
