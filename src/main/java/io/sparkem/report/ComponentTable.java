package io.sparkem.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The component table: one row per component with its weight and its family's fields — for a
 * Gaussian the mean, the per-feature standard deviations √Σ_aa and, for d ≤ 6, the correlation
 * matrix Σ_ab / √(Σ_aa Σ_bb); p for bernoulli, binomial and multinomial; λ for poisson; the
 * coefficients β (intercept first) and the residual variance for regression. Vectors show
 * at most {@link #MAX_FEATURES} features.
 */
final class ComponentTable {

  static final int MAX_FEATURES = 12;
  static final int MAX_CORRELATION_D = 6;

  private ComponentTable() {}

  static String render(JsonNode model) {
    int d = model.path("dimension").asInt();
    JsonNode components = model.path("components");
    List<String> features = new ArrayList<>();
    model.path("features").forEach(f -> features.add(f.asText()));
    boolean hmm = model.path("family").asText().equals("hmm");
    // Categorical emissions: p runs over the alphabet's symbols, not over the features.
    List<String> columns = new ArrayList<>();
    JsonNode alphabet = model.path("alphabet");
    if (alphabet.isArray() && alphabet.size() > 0) {
      String name = features.isEmpty() ? "" : features.get(0) + " = ";
      alphabet.forEach(a -> columns.add(name + a.asText()));
    } else {
      if (RegressionPlot.applies(model) && model.path("intercept").asBoolean(true)) {
        columns.add("(intercept)"); // regression coefficients: the intercept, then one per feature
      }
      for (int a = 0; a < d; a++) {
        columns.add(a < features.size() ? features.get(a) : "x" + (a + 1));
      }
    }
    StringBuilder out = new StringBuilder();
    int shown = Math.min(columns.size(), MAX_FEATURES);
    if (columns.size() > shown) {
      out.append("<p class=\"note\">Vectors show the first ").append(shown).append(" of ").append(columns.size())
          .append(alphabet.isArray() && alphabet.size() > 0 ? " symbols" : " features")
          .append("; model.json has them all.</p>\n");
    }
    out.append("<table class=\"components\">\n<thead><tr><th>component</th><th>")
        .append(hmm ? "start probability" : "weight").append("</th><th>field</th>");
    for (int a = 0; a < shown; a++) {
      out.append("<th>").append(Text.escape(columns.get(a))).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (int j = 0; j < components.size(); j++) {
      JsonNode c = components.get(j);
      List<String[]> rows = new ArrayList<>();
      for (String field : List.of("mean", "p", "lambda", "coefficients", "variance")) {
        JsonNode v = c.path(field);
        if (v.isArray()) {
          rows.add(row(field.equals("lambda") ? "λ" : field.equals("coefficients") ? "β" : field, v, shown));
        } else if (v.isNumber()) {
          rows.add(new String[] {field, Text.number(v.asDouble())});
        }
      }
      double[][] sigma = ScatterPlot.matrix(c.path("covariance"), d);
      if (sigma != null) {
        String[] sd = new String[shown + 1];
        sd[0] = "sd";
        for (int a = 0; a < shown; a++) {
          sd[a + 1] = Text.number(Math.sqrt(Math.max(0, sigma[a][a])), 4);
        }
        rows.add(sd);
      }
      double weight = hmm ? model.path("start").path(j).asDouble(Double.NaN) : c.path("weight").asDouble(Double.NaN);
      int span = Math.max(1, rows.size()) + (sigma != null && d >= 2 && d <= MAX_CORRELATION_D ? 1 : 0);
      String colour = Palette.colour(j);
      out.append("<tr class=\"component\"><th rowspan=\"").append(span).append("\"><span class=\"swatch\" style=\"background:")
          .append(colour).append("\"></span> ").append(j).append("</th><td rowspan=\"").append(span).append("\">")
          .append(Text.number(weight, 4)).append("</td>");
      if (rows.isEmpty()) {
        out.append("<td colspan=\"").append(shown + 1).append("\"></td></tr>\n");
      }
      for (int r = 0; r < rows.size(); r++) {
        if (r > 0) {
          out.append("<tr>");
        }
        String[] cells = rows.get(r);
        out.append("<td class=\"field\">").append(Text.escape(cells[0])).append("</td>");
        for (int a = 1; a < cells.length; a++) {
          out.append("<td class=\"num\">").append(Text.escape(cells[a])).append("</td>");
        }
        out.append("</tr>\n");
      }
      if (sigma != null && d >= 2 && d <= MAX_CORRELATION_D) {
        out.append("<tr><td class=\"field\">correlation</td><td colspan=\"").append(shown).append("\">")
            .append(correlation(sigma, features)).append("</td></tr>\n");
      }
    }
    out.append("</tbody>\n</table>\n");
    return out.toString();
  }

  private static String[] row(String name, JsonNode v, int shown) {
    String[] cells = new String[Math.min(shown, v.size()) + 1];
    cells[0] = name;
    for (int a = 1; a < cells.length; a++) {
      cells[a] = Text.number(v.get(a - 1).asDouble(), 5);
    }
    return cells;
  }

  /** The correlation matrix as a compact lower-triangular table (the diagonal is 1). */
  static String correlation(double[][] sigma, List<String> features) {
    int d = sigma.length;
    StringBuilder out = new StringBuilder("<table class=\"correlation\"><tr><th></th>");
    for (int b = 0; b < d - 1; b++) {
      out.append("<th>").append(Text.escape(b < features.size() ? features.get(b) : "x" + (b + 1))).append("</th>");
    }
    out.append("</tr>");
    for (int a = 1; a < d; a++) {
      out.append("<tr><th>").append(Text.escape(a < features.size() ? features.get(a) : "x" + (a + 1))).append("</th>");
      for (int b = 0; b < d - 1; b++) {
        if (b < a) {
          double r = sigma[a][b] / Math.sqrt(sigma[a][a] * sigma[b][b]);
          out.append("<td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%+.2f", r)).append("</td>");
        } else {
          out.append("<td></td>");
        }
      }
      out.append("</tr>");
    }
    return out.append("</table>").toString();
  }
}
