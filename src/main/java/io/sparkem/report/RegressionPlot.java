package io.sparkem.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A mixture of regressions as the eye reads it: the sample's response y against its first
 * covariate x₁, coloured by most probable component, and one line per component,
 * y = β_j0 + β_j1·x₁ + Σ_{a≥2} β_ja·x̄_a — the fitted mean of y along x₁ with the other covariates
 * held at their sample means x̄_a (exact when d = 1) — with dashed lines at ±2σ_j.
 */
final class RegressionPlot {

  static final String CSS = "regression";

  private RegressionPlot() {}

  /** Whether {@code model} (a model.json root) is a mixture of regressions. */
  static boolean applies(JsonNode model) {
    return model.path("components").path(0).has("coefficients");
  }

  /** The {@code <svg>}; {@code sample} rows are (x_1, …, x_d, y). */
  static String render(JsonNode model, ReportSample sample, int width, int height) {
    int d = model.path("dimension").asInt();
    boolean intercept = model.path("intercept").asBoolean(true);
    int n = sample.points().length;
    double[] mean = new double[d];
    for (double[] p : sample.points()) {
      for (int a = 0; a < d; a++) {
        mean[a] += p[a] / n;
      }
    }
    double[][] xy = new double[n][];
    for (int i = 0; i < n; i++) {
      xy[i] = new double[] {sample.points()[i][0], sample.points()[i][d]};
    }
    double[] box = ScatterPlot.bounds(xy, new double[0][]);
    Axes axes = new Axes(width, height, box[0], box[1], box[2], box[3]);
    List<String> features = new ArrayList<>();
    model.path("features").forEach(f -> features.add(f.asText()));
    String x = features.isEmpty() ? "x1" : features.get(0);
    String y = model.path("labelCol").asText("y");
    StringBuilder out = new StringBuilder();
    axes.open(out, CSS, "Sample of " + n + " records: " + y + " against " + x + ", coloured by most probable "
        + "component, with each component's regression line", x, y);
    ScatterPlot.points(out, axes, CSS, xy, sample.clusters());
    JsonNode components = model.path("components");
    for (int j = 0; j < components.size(); j++) {
      JsonNode c = components.get(j);
      double[] beta = ScatterPlot.vector(c.path("coefficients"), d + (intercept ? 1 : 0));
      if (beta == null) {
        continue;
      }
      int first = intercept ? 1 : 0;
      double offset = intercept ? beta[0] : 0;
      for (int a = 1; a < d; a++) {
        offset += beta[first + a] * mean[a];
      }
      double slope = beta[first];
      double sd = Math.sqrt(Math.max(0, c.path("variance").asDouble(0)));
      for (int s = -2; s <= 2; s += 2) {
        double y0 = offset + slope * box[0] + s * sd;
        double y1 = offset + slope * box[1] + s * sd;
        out.append("<line class=\"").append(s == 0 ? "line" : "band").append("\" stroke=\"")
            .append(Palette.colour(j)).append("\" stroke-width=\"").append(s == 0 ? "2.5" : "1.2").append('"')
            .append(s == 0 ? "" : " stroke-dasharray=\"5 3\"").append(" x1=\"").append(Text.px(axes.x(box[0])))
            .append("\" y1=\"").append(Text.px(axes.y(y0))).append("\" x2=\"").append(Text.px(axes.x(box[1])))
            .append("\" y2=\"").append(Text.px(axes.y(y1))).append("\"><title>component ").append(j)
            .append(s == 0 ? ": fitted mean" : s > 0 ? ": +2σ" : ": −2σ").append("</title></line>\n");
      }
    }
    out.append("</g>\n</g>\n");
    ScatterPlot.legend(out, components.size(), width);
    out.append("</svg>\n");
    return out.toString();
  }

  /** The caption under the plot. */
  static String note(JsonNode model, ReportSample sample) {
    int d = model.path("dimension").asInt();
    return sample.points().length + " of " + sample.records() + " records, drawn at random; colour = most probable "
        + "component (given x and y); solid lines: each component's fitted mean of y"
        + (d > 1 ? " along the first covariate, the other covariates at their sample means" : "")
        + "; dashed: ±2σ of its residual.";
  }
}
