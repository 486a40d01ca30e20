package io.sparkem.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample coloured by most probable component, with each Gaussian's 1σ and 2σ ellipses and a
 * cross at each mean: on the two features when d = 2, on the sample's top two principal
 * components when d > 2 (means projected as Vᵀμ, covariances as Vᵀ Σ V), which the title says.
 *
 * <p>The ellipses are computed in pixel space — Σ_px = S Σ S with S = diag(sx, −sy), the chart's
 * scales and the screen's y flip — so that they stay true contours when the two axes have
 * different scales.
 */
final class ScatterPlot {

  static final String CSS = "scatter";

  private ScatterPlot() {}

  /** The {@code <svg>} of the scatter; {@code model} is the model.json root, d ≥ 2. */
  static String render(JsonNode model, ReportSample sample, int width, int height) {
    int d = model.path("dimension").asInt();
    List<String> features = new ArrayList<>();
    model.path("features").forEach(f -> features.add(f.asText()));
    Pca pca = d > 2 ? Pca.of(sample.points(), d) : null;
    int n = sample.points().length;
    double[][] xy = new double[n][];
    for (int i = 0; i < n; i++) {
      xy[i] = pca == null ? new double[] {sample.points()[i][0], sample.points()[i][1]} : pca.project(sample.points()[i]);
    }
    JsonNode components = model.path("components");
    int k = components.size();
    double[][] means = new double[k][];
    double[][][] covariances = new double[k][][];
    for (int j = 0; j < k; j++) {
      double[] mean = vector(components.get(j).path("mean"), d);
      if (mean == null) {
        mean = vector(components.get(j).path("lambda"), d); // poisson: the rates are the means
      }
      if (mean == null && model.path("family").asText().equals("bernoulli")) {
        mean = vector(components.get(j).path("p"), d); // bernoulli: the probabilities are the means
      }
      double[][] sigma = matrix(components.get(j).path("covariance"), d);
      if (mean != null) {
        means[j] = pca == null ? new double[] {mean[0], mean[1]} : pca.project(mean);
      }
      if (sigma != null) {
        covariances[j] = pca == null ? new double[][] {{sigma[0][0], sigma[0][1]}, {sigma[1][0], sigma[1][1]}}
            : pca.projectCovariance(sigma);
      }
    }
    double[] box = bounds(xy, means);
    Axes axes = new Axes(width, height, box[0], box[1], box[2], box[3]);
    String xTitle;
    String yTitle;
    String title;
    if (pca == null) {
      xTitle = features.size() > 0 ? features.get(0) : "feature 1";
      yTitle = features.size() > 1 ? features.get(1) : "feature 2";
      title = "Sample of " + n + " records on the two features, coloured by most probable component";
    } else {
      double share = pca.explained(sample.points());
      xTitle = "PC1 (first principal component of the sample)";
      yTitle = "PC2";
      title = "Sample of " + n + " records on the top two principal components of the sample ("
          + Text.number(100 * share, 3) + "% of its variance; d = " + d + "), coloured by most probable component";
    }
    StringBuilder out = new StringBuilder();
    axes.open(out, CSS, title, xTitle, yTitle);
    points(out, axes, CSS, xy, sample.clusters());
    for (int j = 0; j < k; j++) {
      if (means[j] == null) {
        continue;
      }
      double cx = axes.x(means[j][0]);
      double cy = axes.y(means[j][1]);
      if (covariances[j] != null) {
        for (int s = 1; s <= 2; s++) {
          Ellipse e = onScreen(axes, means[j], covariances[j], s);
          out.append("<ellipse class=\"ellipse ellipse-").append(s).append("s\" fill=\"none\" stroke=\"")
              .append(Palette.colour(j)).append("\" stroke-width=\"").append(s == 1 ? "2" : "1.5")
              .append('"').append(s == 2 ? " stroke-dasharray=\"5 3\"" : "")
              .append(" cx=\"").append(Text.px(e.cx())).append("\" cy=\"").append(Text.px(e.cy()))
              .append("\" rx=\"").append(Text.px(e.rx())).append("\" ry=\"").append(Text.px(e.ry()))
              .append("\" transform=\"rotate(").append(Text.px(e.degrees())).append(' ').append(Text.px(e.cx()))
              .append(' ').append(Text.px(e.cy())).append(")\"><title>component ").append(j).append(": ")
              .append(s).append("σ</title></ellipse>\n");
        }
      }
      out.append("<path class=\"mean\" stroke=\"#222\" stroke-width=\"2.5\" d=\"M").append(Text.px(cx - 6)).append(',')
          .append(Text.px(cy)).append(" H").append(Text.px(cx + 6)).append(" M").append(Text.px(cx)).append(',')
          .append(Text.px(cy - 6)).append(" V").append(Text.px(cy + 6)).append("\"><title>mean of component ")
          .append(j).append("</title></path>\n");
    }
    out.append("</g>\n</g>\n");
    legend(out, k, width);
    out.append("</svg>\n");
    return out.toString();
  }

  /**
   * Opens the clipped plot area of the chart {@code css} with the points {@code xy} (data
   * coordinates) coloured by {@code clusters}, and the group the components are drawn in; the
   * caller closes both groups.
   */
  static void points(StringBuilder out, Axes axes, String css, double[][] xy, int[] clusters) {
    out.append("<g").append(Axes.clip(css)).append(">\n<g class=\"points\">\n");
    for (int i = 0; i < xy.length; i++) {
      out.append("<circle class=\"point\" r=\"2.2\" fill=\"").append(Palette.colour(clusters[i]))
          .append("\" cx=\"").append(Text.px(axes.x(xy[i][0]))).append("\" cy=\"")
          .append(Text.px(axes.y(xy[i][1]))).append("\"/>\n");
    }
    out.append("</g>\n<g class=\"components\">\n");
  }

  /**
   * The {@code sigmas}σ contour of N(mean, covariance) (data coordinates, 2-D) in the pixels of
   * {@code axes}: the centre mapped, the covariance as S Σ S with S = diag(sx, −sy).
   */
  static Ellipse onScreen(Axes axes, double[] mean, double[][] covariance, double sigmas) {
    double sx = axes.xScale();
    double sy = -axes.yScale();
    double[][] c = covariance;
    double[][] pixels = {{sx * sx * c[0][0], sx * sy * c[0][1]}, {sx * sy * c[1][0], sy * sy * c[1][1]}};
    return Ellipse.of(new double[] {axes.x(mean[0]), axes.y(mean[1])}, pixels, sigmas);
  }

  static void legend(StringBuilder out, int k, int width) {
    int x = width - Axes.RIGHT - 120;
    int y = Axes.TOP + 14;
    out.append("<g class=\"legend\">\n");
    for (int j = 0; j < Math.min(k, 12); j++) {
      out.append("<circle r=\"5\" cx=\"").append(x).append("\" cy=\"").append(y - 4).append("\" fill=\"")
          .append(Palette.colour(j)).append("\"/><text x=\"").append(x + 10).append("\" y=\"").append(y)
          .append("\">component ").append(j).append("</text>\n");
      y += 16;
    }
    if (k > 12) {
      out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\">… ").append(k - 12)
          .append(" more</text>\n");
    }
    out.append("</g>\n");
  }

  /** [xMin, xMax, yMin, yMax] of the points and the means, padded by 3%. */
  static double[] bounds(double[][] xy, double[][] means) {
    double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    List<double[]> all = new ArrayList<>(List.of(xy));
    for (double[] m : means) {
      if (m != null) {
        all.add(m);
      }
    }
    for (double[] p : all) {
      b[0] = Math.min(b[0], p[0]);
      b[1] = Math.max(b[1], p[0]);
      b[2] = Math.min(b[2], p[1]);
      b[3] = Math.max(b[3], p[1]);
    }
    double padX = 0.03 * (b[1] - b[0]);
    double padY = 0.03 * (b[3] - b[2]);
    return new double[] {b[0] - padX, b[1] + padX, b[2] - padY, b[3] + padY};
  }

  static double[] vector(JsonNode node, int d) {
    if (!node.isArray() || node.size() < d) {
      return null;
    }
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      v[i] = node.get(i).asDouble();
    }
    return v;
  }

  static double[][] matrix(JsonNode node, int d) {
    if (!node.isArray() || node.size() != d) {
      return null;
    }
    double[][] m = new double[d][];
    for (int i = 0; i < d; i++) {
      m[i] = vector(node.get(i), d);
      if (m[i] == null) {
        return null;
      }
    }
    return m;
  }
}
