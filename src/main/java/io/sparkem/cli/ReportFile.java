package io.sparkem.cli;

import io.sparkem.report.ReportHtml;
import io.sparkem.spark.OutputDirectory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes report.html next to model.json, in the same atomically committed output directory. */
final class ReportFile {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  static final String NAME = "report.html";

  private ReportFile() {}

  /**
   * Renders and writes the report of {@code outcome} ({@code selection} empty for {@code fit}).
   * The report is for people; a bug in drawing it must not cost a nightly job its model, so a
   * rendering failure is logged and the run goes on without it.
   */
  static void write(OutputDirectory out, FitJob.Outcome outcome, List<ReportHtml.SelectionPoint> selection) {
    String html;
    try {
      html = ReportHtml.render(outcome.modelJson(), outcome.sample(), selection);
    } catch (RuntimeException e) {
      LOG.warn(NAME + " not written: rendering failed: " + e);
      return;
    }
    out.writeFile(NAME, html.getBytes(StandardCharsets.UTF_8));
  }
}
