package io.sparkem.report;

/**
 * A chart's frame: maps data coordinates to SVG pixels and draws the axes, grid, tick labels and
 * axis titles. The y axis points up in data space and down on screen.
 */
final class Axes {

  static final int LEFT = 78;
  static final int RIGHT = 20;
  static final int TOP = 16;
  static final int BOTTOM = 52;

  private final int width;
  private final int height;
  private final Ticks xTicks;
  private final Ticks yTicks;

  /** A frame of {@code width × height} pixels whose ticks cover [xMin, xMax] × [yMin, yMax]. */
  Axes(int width, int height, double xMin, double xMax, double yMin, double yMax) {
    this.width = width;
    this.height = height;
    this.xTicks = Ticks.of(xMin, xMax, Math.max(3, (width - LEFT - RIGHT) / 90));
    this.yTicks = Ticks.of(yMin, yMax, Math.max(3, (height - TOP - BOTTOM) / 50));
  }

  /**
   * A frame whose x axis counts (iterations, k): integer tick labels only, and both axes padded so
   * that markers on the first and last values are not cut by the frame.
   */
  static Axes integerX(int width, int height, double xMin, double xMax, double yMin, double yMax) {
    double padY = 0.03 * (yMax - yMin);
    Axes axes = new Axes(width, height, xMin - (xMax > xMin ? 0.3 : 1), xMax + (xMax > xMin ? 0.3 : 1),
        yMin - padY, yMax + padY);
    axes.integerLabels = true;
    return axes;
  }

  private boolean integerLabels;

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  double x(double v) {
    return LEFT + (v - xTicks.lo()) / (xTicks.hi() - xTicks.lo()) * (width - LEFT - RIGHT);
  }

  double y(double v) {
    return height - BOTTOM - (v - yTicks.lo()) / (yTicks.hi() - yTicks.lo()) * (height - TOP - BOTTOM);
  }

  /** Pixels per data unit along x. */
  double xScale() {
    return (width - LEFT - RIGHT) / (xTicks.hi() - xTicks.lo());
  }

  /** Pixels per data unit along y (positive; the screen flip is applied by {@link #y}). */
  double yScale() {
    return (height - TOP - BOTTOM) / (yTicks.hi() - yTicks.lo());
  }

  /** Opens the {@code <svg>} with a frame, grid, ticks and titles; the caller closes it. */
  void open(StringBuilder out, String cssClass, String title, String xTitle, String yTitle) {
    out.append("<svg class=\"").append(cssClass).append("\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" role=\"img\" aria-label=\"").append(Text.escape(title))
        .append("\">\n<title>").append(Text.escape(title)).append("</title>\n");
    out.append("<g class=\"grid\">\n");
    for (double v : xTicks.values()) {
      if (integerLabels && Math.abs(v - Math.rint(v)) > 1e-9) {
        continue;
      }
      String px = Text.px(x(v));
      out.append("<line x1=\"").append(px).append("\" x2=\"").append(px).append("\" y1=\"").append(TOP)
          .append("\" y2=\"").append(height - BOTTOM).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(px).append("\" y=\"").append(height - BOTTOM + 16)
          .append("\" text-anchor=\"middle\">")
          .append(Text.escape(integerLabels ? Long.toString(Math.round(v)) : xTicks.label(v))).append("</text>\n");
    }
    for (double v : yTicks.values()) {
      String py = Text.px(y(v));
      out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"")
          .append(py).append("\" y2=\"").append(py).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(py)
          .append("\" dy=\"0.32em\" text-anchor=\"end\">").append(Text.escape(yTicks.label(v))).append("</text>\n");
    }
    out.append("</g>\n");
    out.append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(width - LEFT - RIGHT).append("\" height=\"").append(height - TOP - BOTTOM).append("\"/>\n");
    out.append("<text class=\"axis-title\" x=\"").append(Text.px(LEFT + (width - LEFT - RIGHT) / 2.0))
        .append("\" y=\"").append(height - 10).append("\" text-anchor=\"middle\">").append(Text.escape(xTitle))
        .append("</text>\n");
    double cy = TOP + (height - TOP - BOTTOM) / 2.0;
    out.append("<text class=\"axis-title\" x=\"14\" y=\"").append(Text.px(cy))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").append(Text.px(cy)).append(")\">")
        .append(Text.escape(yTitle)).append("</text>\n");
    // Everything drawn after this is clipped to the frame (ellipses can reach far outside).
    out.append("<defs><clipPath id=\"clip-").append(cssClass).append("\"><rect x=\"").append(LEFT)
        .append("\" y=\"").append(TOP).append("\" width=\"").append(width - LEFT - RIGHT).append("\" height=\"")
        .append(height - TOP - BOTTOM).append("\"/></clipPath></defs>\n");
  }

  /** The attribute that clips a group to the frame opened with {@code cssClass}. */
  static String clip(String cssClass) {
    return " clip-path=\"url(#clip-" + cssClass + ")\"";
  }
}
