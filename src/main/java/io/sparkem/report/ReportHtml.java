package io.sparkem.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code report.html} from a model.json tree: the run summary, the log-likelihood (or, for
 * k-means, the cost) per iteration, the component table, for d ≥ 2 a scatter of a bounded sample
 * with each Gaussian's 1σ and 2σ ellipses, and for {@code select} the BIC and AIC curves by k.
 *
 * <p>The page is self-contained: inline CSS and SVG, and a Content-Security-Policy of
 * {@code default-src 'none'} so that the browser fetches nothing even if a bug tried to. Its one
 * script reports how the page rendered: {@code body[data-rendered="ok"]} once every chart has
 * drawn, and a {@code #report-error} element if any script error happened (the browser test reads
 * both).
 */
public final class ReportHtml {

  /** One fitted candidate of {@code select}. */
  public record SelectionPoint(int k, String covariance, double bic, double aic) {}

  static final int CHART_WIDTH = 880;

  private ReportHtml() {}

  /** The report of a fit; {@code sample} may be null (no scatter). */
  public static String render(JsonNode model, ReportSample sample) {
    return render(model, sample, List.of());
  }

  /**
   * The report; {@code sample} may be null (no scatter), {@code selection} empty (not a
   * {@code select} run).
   */
  public static String render(JsonNode model, ReportSample sample, List<SelectionPoint> selection) {
    StringBuilder out = new StringBuilder(64 * 1024);
    String family = model.path("family").asText("?");
    String title = "spark-em report: " + family
        + (model.hasNonNull("covariance") && model.path("covariance").isTextual() ? " (" + model.path("covariance").asText() + ")" : "")
        + ", k = " + model.path("k").asInt();
    head(out, title);
    out.append("<h1>").append(Text.escape(title)).append("</h1>\n");
    summary(out, model);
    if (!selection.isEmpty()) {
      out.append("<h2>Model selection: BIC and AIC by k</h2>\n");
      out.append(SelectionChart.render(selection));
      out.append("<p class=\"note\">Lower is better (scikit-learn's sign). The chosen model — the lowest BIC — is the one "
          + "described below.</p>\n");
      out.append(SelectionChart.table(selection));
    }
    trace(out, model);
    out.append("<h2>Components</h2>\n");
    out.append(ComponentTable.render(model));
    transitions(out, model);
    scatter(out, model, sample);
    out.append("<footer>Written by spark-em ").append(Text.escape(model.path("provenance").path("emVersion").asText("")))
        .append(" on Spark ").append(Text.escape(model.path("provenance").path("sparkVersion").asText("")))
        .append(". Numbers are rounded for reading; model.json holds them exactly.</footer>\n");
    out.append(CHECK_SCRIPT);
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private static void head(StringBuilder out, String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(Text.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append(ERROR_SCRIPT).append("</head>\n<body>\n");
  }

  private static void summary(StringBuilder out, JsonNode m) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("family", m.path("family").asText() + (m.has("emission") ? " (" + m.path("emission").asText() + " emissions)" : ""));
    if (m.path("covariance").isTextual()) {
      rows.put("covariance", m.path("covariance").asText());
    }
    rows.put("k", m.path("k").asText());
    rows.put("d (features)", m.path("dimension").asText());
    if (m.has("labelCol")) {
      rows.put("response", m.path("labelCol").asText() + (m.path("intercept").asBoolean(true) ? ", with an intercept"
          : ", without an intercept"));
    }
    rows.put("records", m.path("records").asText()
        + (m.path("skippedRecords").asLong() > 0 ? " (" + m.path("skippedRecords").asLong() + " bad records skipped)" : "")
        + (m.path("totalWeight").asDouble() != m.path("records").asDouble()
            ? ", total weight " + Text.number(m.path("totalWeight").asDouble()) : ""));
    if (m.has("sequences")) {
      rows.put("sequences", m.path("sequences").asText());
    }
    if (m.has("cost")) {
      rows.put("cost", Text.number(m.path("cost").asDouble(), 10));
    } else {
      rows.put("logLikelihood", Text.number(m.path("logLikelihood").asDouble(), 10));
      rows.put("bic", Text.number(m.path("bic").asDouble(), 10));
      rows.put("aic", Text.number(m.path("aic").asDouble(), 10));
    }
    rows.put("parameters", m.path("parameters").asText());
    rows.put("iterations", m.path("iterations").asText());
    rows.put("converged", m.path("converged").asBoolean() ? "yes" : "no (stopped at the iteration limit)");
    JsonNode p = m.path("provenance");
    rows.put("input", p.path("input").asText("") + (p.has("format") ? " (" + p.path("format").asText() + ")" : ""));
    rows.put("seed, init, restarts", p.path("seed").asText("") + ", " + p.path("init").asText("") + ", "
        + p.path("restarts").asText(""));
    out.append("<table class=\"summary\">\n");
    for (Map.Entry<String, String> e : rows.entrySet()) {
      out.append("<tr><th>").append(Text.escape(e.getKey())).append("</th><td>").append(Text.escape(e.getValue()))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
    JsonNode warnings = m.path("warnings");
    if (warnings.isArray() && warnings.size() > 0) {
      out.append("<ul class=\"warnings\">\n");
      warnings.forEach(w -> out.append("<li>").append(Text.escape(w.asText())).append("</li>\n"));
      out.append("</ul>\n");
    }
  }

  private static void trace(StringBuilder out, JsonNode m) {
    boolean cost = m.has("cost");
    String what = cost ? "cost" : "logLikelihood";
    List<double[]> points = new ArrayList<>();
    int rejected = 0;
    for (JsonNode e : m.path("trace")) {
      if (!e.path("accepted").asBoolean(true)) {
        rejected++;
        continue;
      }
      points.add(new double[] {e.path("iteration").asDouble(), e.path(what).asDouble(Double.NaN)});
    }
    out.append("<h2>").append(cost ? "Cost" : "Log-likelihood").append(" per iteration</h2>\n");
    if (points.isEmpty()) {
      out.append("<p class=\"note\">No iterations were run (the trace is empty).</p>\n");
      return;
    }
    double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    out.append(LineChart.render("trace", (cost ? "Cost" : "Log-likelihood") + " per iteration", "iteration",
        cost ? "cost (sum of squared distances)" : "log-likelihood",
        List.of(new LineChart.Series(what, Palette.colour(0), false, x, y)), CHART_WIDTH, 320));
    out.append("<p class=\"note\">").append(cost
        ? "Iteration i's cost is that of the centres the iteration started from."
        : "Iteration i's log-likelihood is computed in its E-step, under the parameters it started from"
            + (m.path("miniBatch").asDouble(1) < 1
                ? "; with --mini-batch each step sees a fraction of the data, so it may dip."
                : "; EM never lowers it."));
    if (rejected > 0) {
      out.append(' ').append(rejected).append(" rejected extrapolation(s) of the accelerator are not drawn.");
    }
    out.append("</p>\n");
  }

  private static void transitions(StringBuilder out, JsonNode m) {
    JsonNode t = m.path("transitions");
    if (!t.isArray() || t.size() == 0) {
      return;
    }
    out.append("<h3>Transition probabilities (row: from, column: to)</h3>\n<table class=\"transitions\"><tr><th></th>");
    for (int j = 0; j < t.size(); j++) {
      out.append("<th>").append(j).append("</th>");
    }
    out.append("</tr>\n");
    for (int i = 0; i < t.size(); i++) {
      out.append("<tr><th>").append(i).append("</th>");
      for (JsonNode v : t.get(i)) {
        out.append("<td class=\"num\">").append(Text.number(v.asDouble(), 4)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static void scatter(StringBuilder out, JsonNode m, ReportSample sample) {
    int d = m.path("dimension").asInt();
    if (RegressionPlot.applies(m)) {
      if (sample != null && sample.complete(d + 1).points().length > 0) {
        out.append("<h2>Records and regression lines</h2>\n");
        out.append(RegressionPlot.render(m, sample.complete(d + 1), CHART_WIDTH, 640));
        out.append("<p class=\"note\">").append(Text.escape(RegressionPlot.note(m, sample.complete(d + 1))))
            .append("</p>\n");
      }
      return;
    }
    if (d < 2) {
      return; // one feature: the component table says it all
    }
    out.append("<h2>Records and components</h2>\n");
    int drawn = sample == null ? 0 : sample.points().length;
    sample = sample == null ? null : sample.complete(d);
    int incomplete = drawn - (sample == null ? 0 : sample.points().length);
    if (sample == null || sample.points().length == 0) {
      out.append("<p class=\"note\">No ").append(incomplete > 0 ? "complete record in the " : "")
          .append("sample of the records was drawn for this model")
          .append(m.path("family").asText().equals("hmm") ? " (hidden Markov models are shown by their tables)" : "")
          .append(".</p>\n");
      return;
    }
    out.append(ScatterPlot.render(m, sample, CHART_WIDTH, 640));
    boolean ellipses = m.path("components").path(0).has("covariance");
    out.append("<p class=\"note\">").append(sample.points().length).append(" of ").append(sample.records())
        .append(" records, drawn at random")
        .append(incomplete > 0 ? " (" + incomplete + " more drawn had missing values and are not shown)" : "")
        .append("; colour = most probable component")
        .append(ellipses ? "; solid and dashed ellipses: each component's 1σ and 2σ contours" : "")
        .append("; crosses: the means")
        .append(d > 2 ? ". Axes: the top two principal components of the sample; means and covariances "
            + "are projected onto them (Vᵀμ, VᵀΣV)." : ".")
        .append("</p>\n");
  }

  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
             margin: 24px auto; max-width: 960px; color: #222; padding: 0 16px; }
      h1 { font-size: 1.5em; margin-bottom: 0.4em; }
      h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
      h3 { font-size: 1em; }
      table { border-collapse: collapse; margin: 8px 0; }
      th, td { padding: 3px 8px; text-align: left; vertical-align: top; }
      table.summary th { color: #555; font-weight: normal; }
      table.components, table.selection, table.transitions { border: 1px solid #ddd; }
      table.components > tbody > tr.component { border-top: 1px solid #ddd; }
      table.components td.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
      table.correlation th, table.correlation td { padding: 1px 6px; font-size: 0.9em; }
      .field { color: #555; }
      .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; }
      .note { color: #555; font-size: 0.9em; }
      .warnings { color: #8a4b00; }
      svg { display: block; margin: 8px 0; background: #fff; font-size: 12px; }
      svg .grid line { stroke: #eee; }
      svg .frame { fill: none; stroke: #999; }
      svg .tick { fill: #555; }
      svg .axis-title { fill: #222; font-size: 13px; }
      svg .point { fill-opacity: 0.55; }
      svg .legend text { fill: #222; }
      #report-error { color: #b00; border: 1px solid #b00; padding: 8px; }
      footer { margin-top: 2em; color: #777; font-size: 0.85em; }
      """;

  /** Registered first: any later script error lands in the page, where a test or a person sees it. */
  private static final String ERROR_SCRIPT = """
      <script>
      window.onerror = function (message, source, line) {
        var p = document.createElement('pre');
        p.id = 'report-error';
        p.textContent = 'script error: ' + message + ' (line ' + line + ')';
        (document.body || document.documentElement).appendChild(p);
        document.documentElement.setAttribute('data-error', String(message));
      };
      </script>
      """;

  /** Runs last: every chart must have children and a laid-out size. */
  private static final String CHECK_SCRIPT = """
      <script>
      (function () {
        var svgs = document.querySelectorAll('svg');
        var bad = [];
        for (var i = 0; i < svgs.length; i++) {
          var box = svgs[i].getBoundingClientRect();
          if (svgs[i].childElementCount === 0 || !(box.width > 0 && box.height > 0)) {
            bad.push(svgs[i].getAttribute('class'));
          }
        }
        document.body.dataset.charts = String(svgs.length);
        document.body.dataset.rendered = bad.length === 0 ? 'ok' : 'broken: ' + bad.join(',');
      })();
      </script>
      """;
}
