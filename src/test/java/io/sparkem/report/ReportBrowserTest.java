package io.sparkem.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.testing.Chromium;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: headless Chromium loads the report {@code fit} and {@code select}
 * wrote from a file URL, its DOM after the scripts ran must hold the charts and the page's own
 * "rendered" mark without a script error, and a screenshot must show a picture, not a blank page.
 * The reports and their screenshots are kept under {@code target/report-browser/} to be looked at.
 */
class ReportBrowserTest {

  static final Path KEEP = Path.of("target", "report-browser");

  @TempDir static Path dir;

  static Chromium chromium;

  @BeforeAll
  static void findBrowser() throws Exception {
    Files.createDirectories(KEEP);
    chromium = Chromium.find(Files.createDirectories(dir.resolve("browser"))).orElse(null);
    if (chromium == null) {
      String reason = "chromium not found on PATH (install Debian's 'chromium' package; .ci/run does): "
          + "skipping the browser test of report.html";
      System.out.println(reason);
      Assumptions.assumeTrue(false, reason);
    }
  }

  static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The checks every report must pass in the browser; returns the dumped DOM. */
  static String assertRendersWithoutErrors(Path report, String name, int charts) throws Exception {
    Files.copy(report, KEEP.resolve(name + ".html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String dom = chromium.dumpDom(report);
    assertThat(dom).as("DOM of %s", report).contains("data-rendered=\"ok\"")
        .contains("data-charts=\"" + charts + "\"")
        .doesNotContain("id=\"report-error\"").doesNotContain("data-error=");
    Path png = KEEP.resolve(name + ".png");
    Files.deleteIfExists(png);
    chromium.screenshot(report, png, 1280, 2000);
    assertThat(png).exists();
    assertThat(Files.size(png)).as("screenshot bytes").isGreaterThan(30_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(2000);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
    return dom;
  }

  /** Pixels within {@code tolerance} per channel of {@code hex} (#rrggbb) in the screenshot. */
  static int pixelsNear(Path png, String hex, int tolerance) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    int target = Integer.parseInt(hex.substring(1), 16);
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int c = image.getRGB(x, y);
        if (Math.abs(((c >> 16) & 255) - ((target >> 16) & 255)) <= tolerance
            && Math.abs(((c >> 8) & 255) - ((target >> 8) & 255)) <= tolerance
            && Math.abs((c & 255) - (target & 255)) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Two overlapping, oppositely correlated 2-D Gaussians (means 3 apart, unit variances,
   * correlations +0.6 and −0.5), alternating: EM needs many small steps, so the trace has a shape
   * and the ellipses are tilted both ways.
   */
  static List<double[]> overlapping(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double rho = i % 2 == 0 ? 0.6 : -0.5;
      double a = rng.nextGaussian();
      double b = rng.nextGaussian();
      rows.add(new double[] {(i % 2) * 3 + a, rho * a + Math.sqrt(1 - rho * rho) * b});
    }
    return rows;
  }

  @Test
  void fitReportRendersTraceScatterAndEllipses() throws Exception {
    Path in = Data.csv(dir.resolve("in/overlap.csv"), "x,y", overlapping(600, 11));
    Path out = dir.resolve("fit");
    Cli.Run run = Cli.run("fit", "--input", in.toString(), "--k", "2", "--tol", "1e-9", "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();

    String dom = assertRendersWithoutErrors(out.resolve("report.html"), "fit", 2);
    Matcher trace = Pattern.compile("<path class=\"trace-line\"[^>]* d=\"(M[^\"]*)\"").matcher(dom);
    assertThat(trace.find()).isTrue();
    assertThat(trace.group(1).split(" L").length).as("trace vertices").isGreaterThanOrEqualTo(5);
    assertThat(count(dom, "<circle class=\"point\"")).isEqualTo(600);
    assertThat(count(dom, "<ellipse class=\"ellipse ellipse-1s\"")).isEqualTo(2);
    assertThat(count(dom, "<ellipse class=\"ellipse ellipse-2s\"")).isEqualTo(2);
    // The two components' colours were painted (ellipse strokes and points), not just white.
    Path png = KEEP.resolve("fit.png");
    assertThat(pixelsNear(png, Palette.colour(0), 12)).as("pixels of component 0's colour").isGreaterThan(100);
    assertThat(pixelsNear(png, Palette.colour(1), 12)).as("pixels of component 1's colour").isGreaterThan(100);
  }

  @Test
  void selectReportOfThreeFeaturesRendersCurvesAndPrincipalComponents() throws Exception {
    SplittableRandom rng = new SplittableRandom(5);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      double c = 8 * (i % 3);
      rows.add(new double[] {c + rng.nextGaussian(), -c + 2 * rng.nextGaussian(), c / 2 + rng.nextGaussian()});
    }
    Path in = Data.csv(dir.resolve("in/three.csv"), "a,b,<i>c</i>", rows);
    Path out = dir.resolve("select");
    Cli.Run run = Cli.run("select", "--input", in.toString(), "--k-range", "1..4", "--covariance", "full,spherical",
        "--output", out.toString());
    assertThat(run.code()).as(run.err()).isZero();

    String dom = assertRendersWithoutErrors(out.resolve("report.html"), "select", 3);
    assertThat(count(dom, "<path class=\"selection-line\"")).isEqualTo(4);
    assertThat(count(dom, "<circle class=\"selection-point\"")).isEqualTo(16);
    assertThat(count(dom, "<circle class=\"point\"")).isEqualTo(450);
    assertThat(dom).contains("top two principal components");
    // The feature name is text in the page, not an element.
    assertThat(dom).contains("&lt;i&gt;c&lt;/i&gt;").doesNotContain("<i>c</i>");
  }
}
