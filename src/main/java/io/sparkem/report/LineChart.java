package io.sparkem.report;

import java.util.List;

/** A line chart of one or more series over an integer x (iterations, k), with a legend. */
final class LineChart {

  /**
   * One line.
   *
   * @param name   legend text (escaped when drawn)
   * @param colour CSS colour
   * @param dashed drawn dashed (AIC next to BIC's solid line)
   * @param x      x values, ascending
   * @param y      y values, same length
   */
  record Series(String name, String colour, boolean dashed, double[] x, double[] y) {}

  private LineChart() {}

  /**
   * The {@code <svg>} of the series; {@code cssClass} names it (and its paths carry
   * {@code cssClass + "-line"}, its markers {@code cssClass + "-point"}).
   */
  static String render(String cssClass, String title, String xTitle, String yTitle, List<Series> series,
      int width, int height) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i])) {
          xMin = Math.min(xMin, s.x()[i]);
          xMax = Math.max(xMax, s.x()[i]);
          yMin = Math.min(yMin, s.y()[i]);
          yMax = Math.max(yMax, s.y()[i]);
        }
      }
    }
    if (!(xMax >= xMin)) {
      xMin = 0;
      xMax = 1;
      yMin = 0;
      yMax = 1;
    }
    Axes axes = Axes.integerX(width, height, xMin, xMax, yMin, yMax);
    StringBuilder out = new StringBuilder();
    axes.open(out, cssClass, title, xTitle, yTitle);
    out.append("<g").append(Axes.clip(cssClass)).append(">\n");
    for (Series s : series) {
      StringBuilder d = new StringBuilder();
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i])) {
          d.append(d.length() == 0 ? "M" : " L").append(Text.px(axes.x(s.x()[i]))).append(',')
              .append(Text.px(axes.y(s.y()[i])));
        }
      }
      out.append("<path class=\"").append(cssClass).append("-line\" fill=\"none\" stroke=\"").append(s.colour())
          .append("\" stroke-width=\"2\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "")
          .append(" d=\"").append(d).append("\"><title>").append(Text.escape(s.name())).append("</title></path>\n");
      // Markers only where they stay readable.
      if (s.x().length <= 60) {
        for (int i = 0; i < s.x().length; i++) {
          if (Double.isFinite(s.y()[i])) {
            out.append("<circle class=\"").append(cssClass).append("-point\" r=\"3\" fill=\"").append(s.colour())
                .append("\" cx=\"").append(Text.px(axes.x(s.x()[i]))).append("\" cy=\"")
                .append(Text.px(axes.y(s.y()[i]))).append("\"><title>").append(Text.escape(s.name()))
                .append(": ").append(Text.number(s.x()[i])).append(" → ").append(Text.number(s.y()[i]))
                .append("</title></circle>\n");
          }
        }
      }
    }
    out.append("</g>\n");
    if (series.size() > 1) {
      legend(out, series, width);
    }
    out.append("</svg>\n");
    return out.toString();
  }

  private static void legend(StringBuilder out, List<Series> series, int width) {
    int x = width - Axes.RIGHT - 170;
    int y = Axes.TOP + 14;
    out.append("<g class=\"legend\">\n");
    for (Series s : series) {
      out.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 24).append("\" y1=\"").append(y - 4)
          .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(s.colour()).append("\" stroke-width=\"2\"")
          .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>")
          .append("<text x=\"").append(x + 30).append("\" y=\"").append(y).append("\">")
          .append(Text.escape(s.name())).append("</text>\n");
      y += 16;
    }
    out.append("</g>\n");
  }
}
