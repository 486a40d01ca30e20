package io.sparkem.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code select}'s BIC (solid) and AIC (dashed) curves by k, one colour per covariance type. */
final class SelectionChart {

  private SelectionChart() {}

  static String render(List<ReportHtml.SelectionPoint> points) {
    Map<String, List<ReportHtml.SelectionPoint>> byType = new LinkedHashMap<>();
    for (ReportHtml.SelectionPoint p : points) {
      byType.computeIfAbsent(p.covariance() == null ? "" : p.covariance(), c -> new ArrayList<>()).add(p);
    }
    List<LineChart.Series> series = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, List<ReportHtml.SelectionPoint>> e : byType.entrySet()) {
      List<ReportHtml.SelectionPoint> line = new ArrayList<>(e.getValue());
      line.sort((a, b) -> Integer.compare(a.k(), b.k()));
      double[] k = line.stream().mapToDouble(ReportHtml.SelectionPoint::k).toArray();
      double[] bic = line.stream().mapToDouble(ReportHtml.SelectionPoint::bic).toArray();
      double[] aic = line.stream().mapToDouble(ReportHtml.SelectionPoint::aic).toArray();
      String name = e.getKey().isEmpty() ? "" : " " + e.getKey();
      series.add(new LineChart.Series("BIC" + name, Palette.colour(colour), false, k, bic));
      series.add(new LineChart.Series("AIC" + name, Palette.colour(colour), true, k, aic));
      colour++;
    }
    return LineChart.render("selection", "BIC and AIC by number of components k", "k (components)",
        "criterion (lower is better)", series, ReportHtml.CHART_WIDTH, 360);
  }

  /** The candidates as a table, the lowest BIC marked. */
  static String table(List<ReportHtml.SelectionPoint> points) {
    ReportHtml.SelectionPoint best = points.stream()
        .min((a, b) -> Double.compare(a.bic(), b.bic())).orElseThrow();
    StringBuilder out = new StringBuilder("<table class=\"selection\">\n<thead><tr><th>k</th><th>covariance</th>"
        + "<th>BIC</th><th>AIC</th><th></th></tr></thead>\n<tbody>\n");
    for (ReportHtml.SelectionPoint p : points) {
      out.append("<tr><td class=\"num\">").append(p.k()).append("</td><td>")
          .append(Text.escape(p.covariance() == null ? "" : p.covariance())).append("</td><td class=\"num\">")
          .append(Text.number(p.bic(), 8)).append("</td><td class=\"num\">").append(Text.number(p.aic(), 8))
          .append("</td><td>").append(p == best ? "← lowest BIC" : "").append("</td></tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }
}
