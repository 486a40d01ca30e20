package io.sparkem.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's structure for hand-written model.json trees of every shape, without Spark. */
class ReportHtmlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode gaussian2d(String firstFeature) throws Exception {
    return JSON.readTree("""
        {"family":"gaussian","covariance":"full","k":2,"dimension":2,
         "features":[%s,"y"],
         "components":[{"weight":0.25,"mean":[0,0],"covariance":[[4,0],[0,1]]},
                       {"weight":0.75,"mean":[10,10],"covariance":[[2,1],[1,2]]}],
         "logLikelihood":-1234.5,"records":4,"totalWeight":4.0,"skippedRecords":0,"iterations":3,
         "converged":true,"parameters":11,"bic":2484.2,"aic":2491.0,"warnings":["a <warning>"],
         "trace":[{"iteration":1,"logLikelihood":-1300,"seconds":0.1},
                  {"iteration":2,"logLikelihood":-1240,"seconds":0.1},
                  {"iteration":3,"logLikelihood":-1234.6,"seconds":0.1}],
         "provenance":{"input":"/data/in.csv","format":"csv","seed":42,"init":"kmeans++","restarts":1}}
        """.formatted(JSON.writeValueAsString(firstFeature)));
  }

  static ReportSample fourPoints() {
    return new ReportSample(new double[][] {{0, 0}, {1, -1}, {10, 10}, {11, 9}}, new int[] {0, 0, 1, 1}, 4);
  }

  static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void featureNamesAreEscapedSoTheyCannotInjectScript() throws Exception {
    String html = ReportHtml.render(gaussian2d("<script>alert('x')</script>"), fourPoints());
    // Only the report's own two scripts (error handler, render check) are script elements.
    assertThat(count(html, "<script>")).isEqualTo(2);
    assertThat(html).doesNotContain("alert('x')");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(html).contains("a &lt;warning&gt;");
  }

  @Test
  void twoFeaturesGiveTraceScatterPointsAndTwoEllipsesPerComponent() throws Exception {
    String html = ReportHtml.render(gaussian2d("x"), fourPoints());
    assertThat(count(html, "<svg ")).isEqualTo(2);
    assertThat(html).contains("<svg class=\"trace\"").contains("<svg class=\"scatter\"");
    assertThat(count(html, "class=\"trace-line\"")).isEqualTo(1);
    assertThat(count(html, "<circle class=\"point\"")).isEqualTo(4);
    assertThat(count(html, "class=\"ellipse ellipse-1s\"")).isEqualTo(2);
    assertThat(count(html, "class=\"ellipse ellipse-2s\"")).isEqualTo(2);
    assertThat(html).contains("on the two features");
    // Points coloured by their cluster: two of component 0's colour, two of component 1's.
    assertThat(count(html, "class=\"point\" r=\"2.2\" fill=\"" + Palette.colour(0))).isEqualTo(2);
    assertThat(count(html, "class=\"point\" r=\"2.2\" fill=\"" + Palette.colour(1))).isEqualTo(2);
    // Summary numbers and the per-feature standard deviations √4 = 2, √1 = 1, √2.
    assertThat(html).contains("-1234.5").contains("2484.2").contains("/data/in.csv");
    assertThat(html).contains("<td class=\"num\">1.414</td>");
    // The correlation of [[2,1],[1,2]] is 1/2.
    assertThat(html).contains("+0.50");
    // No network: nothing loads from anywhere, and the policy forbids it.
    assertThat(html).doesNotContain("http:").doesNotContain("https:").doesNotContain("src=");
    assertThat(html).contains("default-src 'none'");
  }

  @Test
  void recordsWithMissingCellsAreLeftOffThePlot() throws Exception {
    // --missing marginalize: a sampled record may hold NaN; it cannot be placed, nor enter the PCA.
    ReportSample s = new ReportSample(new double[][] {{0, 0}, {Double.NaN, 1}, {10, 10}, {11, Double.NaN}},
        new int[] {0, 0, 1, 1}, 4);
    String html = ReportHtml.render(gaussian2d("x"), s);
    assertThat(count(html, "<circle class=\"point\"")).isEqualTo(2);
    assertThat(html).contains("2 more drawn had missing values").doesNotContain("\"NaN\"");
  }

  @Test
  void moreThanTwoFeaturesArePlottedOnPrincipalComponentsAndSaySo() throws Exception {
    JsonNode m = JSON.readTree("""
        {"family":"gaussian","covariance":"diag","k":1,"dimension":3,"features":["a","b","c"],
         "components":[{"weight":1.0,"mean":[0,0,0],"covariance":[[1,0,0],[0,4,0],[0,0,9]]}],
         "logLikelihood":-10,"records":3,"totalWeight":3,"iterations":1,"converged":true,
         "parameters":6,"bic":1,"aic":1,"trace":[{"iteration":1,"logLikelihood":-10,"seconds":0}]}
        """);
    ReportSample s = new ReportSample(new double[][] {{0, 0, 3}, {0, 1, -3}, {1, -1, 0}}, new int[3], 3);
    String html = ReportHtml.render(m, s);
    assertThat(html).contains("top two principal components").contains("PC1").contains("PC2");
    assertThat(count(html, "class=\"ellipse ")).isEqualTo(2);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void manyFeaturesStayReadableAndCheap() throws Exception {
    // d = 300, k = 2, a full 2,000-point sample: the table shows 12 features, the scatter uses PCA,
    // and the first component follows the one feature with a large spread (feature 7, sd 10).
    int d = 300;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    double[][] points = new double[ReportSample.MAX_POINTS][d];
    for (double[] p : points) {
      for (int a = 0; a < d; a++) {
        p[a] = (a == 7 ? 10 : 1) * rng.nextGaussian();
      }
    }
    var m = JSON.createObjectNode();
    m.put("family", "gaussian").put("covariance", "diag").put("k", 2).put("dimension", d);
    var features = m.putArray("features");
    var comps = m.putArray("components");
    for (int j = 0; j < 2; j++) {
      var c = comps.addObject();
      c.put("weight", 0.5);
      var mean = c.putArray("mean");
      var cov = c.putArray("covariance");
      for (int a = 0; a < d; a++) {
        mean.add(j);
        var row = cov.addArray();
        for (int b = 0; b < d; b++) {
          row.add(a == b ? (a == 7 ? 100.0 : 1.0) : 0.0);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      features.add("f" + a);
    }
    m.put("logLikelihood", -1).put("records", 10_000).put("iterations", 0).put("converged", false);
    String html = ReportHtml.render(m, new ReportSample(points, new int[points.length], 10_000));
    assertThat(html).contains("first 12 of 300 features").contains("top two principal components");
    assertThat(count(html, "<circle class=\"point\"")).isEqualTo(2000);
    Pca pca = Pca.of(points, d);
    assertThat(Math.abs(pca.first()[7])).isGreaterThan(0.99);
    // Projected, the 1σ ellipse of Σ (variance 100 along feature 7) has a semi-axis of about 10 along PC1.
    double[][] projected = pca.projectCovariance(ScatterPlot.matrix(m.path("components").get(0).path("covariance"), d));
    assertThat(projected[0][0]).isCloseTo(100, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void selectionGivesBicAndAicCurvesPerCovarianceType() throws Exception {
    List<ReportHtml.SelectionPoint> rows = List.of(
        new ReportHtml.SelectionPoint(1, "full", 300, 290), new ReportHtml.SelectionPoint(2, "full", 200, 180),
        new ReportHtml.SelectionPoint(3, "full", 210, 175), new ReportHtml.SelectionPoint(1, "diag", 310, 300),
        new ReportHtml.SelectionPoint(2, "diag", 220, 205), new ReportHtml.SelectionPoint(3, "diag", 230, 200));
    String html = ReportHtml.render(gaussian2d("x"), fourPoints(), rows);
    assertThat(html).contains("<svg class=\"selection\"");
    assertThat(count(html, "class=\"selection-line\"")).isEqualTo(4); // BIC and AIC × full, diag
    assertThat(count(html, "class=\"selection-point\"")).isEqualTo(12);
    assertThat(html).contains("BIC full").contains("AIC diag").contains("← lowest BIC");
  }

  @Test
  void otherFamiliesRenderTheirOwnFieldsWithoutEllipses() throws Exception {
    JsonNode poisson = JSON.readTree("""
        {"family":"poisson","k":2,"dimension":2,"features":["u","v"],
         "components":[{"weight":0.5,"lambda":[1.5,2]},{"weight":0.5,"lambda":[9,12]}],
         "logLikelihood":-50,"records":4,"totalWeight":4,"iterations":2,"converged":true,"parameters":5,
         "bic":1,"aic":1,"trace":[{"iteration":1,"logLikelihood":-60,"seconds":0},{"iteration":2,"logLikelihood":-50,"seconds":0}]}
        """);
    String html = ReportHtml.render(poisson, new ReportSample(new double[][] {{1, 2}, {2, 2}, {9, 12}, {8, 13}},
        new int[] {0, 0, 1, 1}, 4));
    assertThat(html).contains("λ").contains("<svg class=\"scatter\"").doesNotContain("class=\"ellipse ");
    assertThat(count(html, "class=\"mean\"")).isEqualTo(2);

    JsonNode kmeans = JSON.readTree("""
        {"family":"kmeans","k":1,"dimension":1,"features":["h"],"components":[{"weight":1,"mean":[3]}],
         "cost":12.5,"records":4,"totalWeight":4,"iterations":1,"converged":true,"parameters":1,
         "trace":[{"iteration":1,"cost":12.5,"seconds":0}]}
        """);
    String k = ReportHtml.render(kmeans, null);
    assertThat(k).contains("Cost per iteration").contains("<svg class=\"trace\"").doesNotContain("<svg class=\"scatter\"");

    JsonNode hmm = JSON.readTree("""
        {"family":"hmm","emission":"categorical","k":2,"dimension":1,"features":["roll"],
         "start":[0.6,0.4],"transitions":[[0.9,0.1],[0.2,0.8]],
         "components":[{"p":[0.5,0.5]},{"p":[0.1,0.9]}],"logLikelihood":-3,"records":10,"totalWeight":10,
         "sequences":2,"iterations":1,"converged":false,"parameters":5,"bic":1,"aic":1,
         "trace":[{"iteration":1,"logLikelihood":-3,"seconds":0}]}
        """);
    String h = ReportHtml.render(hmm, null);
    assertThat(h).contains("Transition probabilities").contains("start probability").contains("0.9");
    // Categorical emissions list p over the alphabet, not over the one feature.
    JsonNode casino = ((com.fasterxml.jackson.databind.node.ObjectNode) hmm.deepCopy())
        .set("alphabet", JSON.readTree("[1,6]"));
    String c = ReportHtml.render(casino, null);
    assertThat(c).contains("<th>roll = 1</th><th>roll = 6</th>").contains("<td class=\"num\">0.9</td>");
  }
}
