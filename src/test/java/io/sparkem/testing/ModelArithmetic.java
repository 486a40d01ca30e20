package io.sparkem.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of a model.json that its schema cannot state (see {@link ModelContract}); a port
 * of the contract checker's rules, each error one line.
 */
final class ModelArithmetic {

  private ModelArithmetic() {}

  static void check(JsonNode m, List<String> errs) {
    String fam = m.path("family").asText();
    int k = m.path("k").asInt();
    int d = m.path("dimension").asInt();
    JsonNode comps = m.path("components");
    if (comps.size() != k) {
      errs.add("k=" + k + " but " + comps.size() + " components");
    }
    if (!fam.equals("kmeans") && !fam.equals("hmm")) {
      double s = 0;
      for (JsonNode c : comps) {
        double w = c.path("weight").asDouble(Double.NaN);
        if (!(w >= 0)) {
          errs.add("weight " + w + " is not >= 0");
        }
        s += w;
      }
      if (!close(s, 1, 0, 1e-9)) {
        errs.add("weights sum to " + s + ", not 1");
      }
    }
    String emission = fam.equals("hmm") ? m.path("emission").asText() : fam;
    for (int i = 0; i < comps.size(); i++) {
      component(m, emission, comps, i, d, errs);
    }
    if (fam.equals("hmm")) {
      if (!close(sum(m.path("start")), 1, 0, 1e-9)) {
        errs.add("start probabilities sum to " + sum(m.path("start")));
      }
      int r = 0;
      for (JsonNode row : m.path("transitions")) {
        if (!close(sum(row), 1, 0, 1e-9)) {
          errs.add("transition row " + r + " sums to " + sum(row));
        }
        r++;
      }
    }
    criteria(m, fam, errs);
    trace(m, fam, errs);
    quantiles(m, errs);
    if (!fam.equals("hmm")) {
      statistics(m.path("statistics"), k, errs);
    }
  }

  /** The four levels, in order, non-decreasing; the stated rank error within the documented 0.001. */
  private static void quantiles(JsonNode m, List<String> errs) {
    JsonNode q = m.path("logDensityQuantiles");
    if (q.isMissingNode()) {
      return;
    }
    double previous = Double.NEGATIVE_INFINITY;
    for (String level : List.of("0.001", "0.01", "0.05", "0.5")) {
      double v = q.path(level).asDouble(Double.NaN);
      if (!(v >= previous) || !Double.isFinite(v)) {
        errs.add("logDensityQuantiles[" + level + "] = " + q.path(level) + " is not finite and >= the level below");
      }
      previous = v;
    }
    if (q.size() != 4) {
      errs.add("logDensityQuantiles has " + q.size() + " levels, not 4");
    }
    double eps = m.path("logDensityRankError").asDouble(Double.NaN);
    if (!(eps >= 0 && eps <= 0.001)) {
      errs.add("logDensityRankError " + m.path("logDensityRankError") + " is not in [0, 0.001]");
    }
  }

  /** A mixture's statistics: k components whose weights N_j = Σ w r_ij add up to the statistics' total weight. */
  private static void statistics(JsonNode s, int k, List<String> errs) {
    if (s.isMissingNode()) {
      return;
    }
    JsonNode comps = s.path("components");
    if (comps.size() != k) {
      errs.add("statistics hold " + comps.size() + " components, not k = " + k);
      return;
    }
    double total = s.path("totalWeight").asDouble(Double.NaN);
    double n = 0;
    for (JsonNode c : comps) {
      n += c.path("weight").asDouble(Double.NaN);
    }
    if (!close(n, total, 1e-9, 1e-9)) {
      errs.add("statistics' component weights add up to " + n + ", not their totalWeight " + total);
    }
  }

  private static void component(JsonNode m, String emission, JsonNode comps, int i, int d, List<String> errs) {
    JsonNode c = comps.get(i);
    if ((emission.equals("gaussian") || emission.equals("kmeans")) && c.path("mean").size() != d) {
      errs.add("component " + i + ": mean has " + c.path("mean").size() + " values, dimension is " + d);
    }
    if (emission.equals("gaussian")) {
      double[][] s = matrix(c.path("covariance"), d);
      if (s == null) {
        errs.add("component " + i + ": covariance is not " + d + "x" + d);
        return;
      }
      double off = 0;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          if (!close(s[a][b], s[b][a], 1e-9, 1e-9)) {
            errs.add("component " + i + ": covariance not symmetric");
          }
          if (a != b) {
            off = Math.max(off, Math.abs(s[a][b]));
          }
        }
      }
      if (!positiveDefinite(s)) {
        errs.add("component " + i + ": covariance not positive definite");
      }
      String cov = m.path("covariance").asText("full");
      if ((cov.equals("diag") || cov.equals("spherical")) && off > 0) {
        errs.add("component " + i + ": " + cov + " covariance has off-diagonal " + off);
      }
      for (int a = 0; a < d && cov.equals("spherical"); a++) {
        if (!close(s[a][a], s[0][0], 1e-9, 1e-9)) {
          errs.add("component " + i + ": spherical covariance with unequal diagonal");
        }
      }
      if (cov.equals("tied") && i > 0) {
        double[][] first = matrix(comps.get(0).path("covariance"), d);
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            if (first == null || !close(s[a][b], first[a][b], 1e-9, 1e-9)) {
              errs.add("component " + i + ": tied covariance differs from component 0");
              return;
            }
          }
        }
      }
    }
    if (List.of("bernoulli", "binomial", "multinomial", "categorical").contains(emission)) {
      List<Double> ps = new ArrayList<>();
      if (c.path("p").isArray()) {
        c.path("p").forEach(p -> ps.add(p.isNumber() ? p.asDouble() : Double.NaN));
      } else {
        ps.add(c.path("p").isNumber() ? c.path("p").asDouble() : Double.NaN);
      }
      if (ps.stream().anyMatch(p -> !(p >= 0 && p <= 1))) {
        errs.add("component " + i + ": p outside [0, 1]");
      }
      double s = ps.stream().mapToDouble(Double::doubleValue).sum();
      if ((emission.equals("multinomial") || emission.equals("categorical")) && !close(s, 1, 0, 1e-9)) {
        errs.add("component " + i + ": multinomial p sums to " + s);
      }
    }
    if (emission.equals("regression")) {
      int want = d + (m.path("intercept").asBoolean(true) ? 1 : 0);
      if (c.path("coefficients").size() != want) {
        errs.add("component " + i + ": " + c.path("coefficients").size() + " coefficients, expected " + want);
      }
      if (!(c.path("variance").asDouble(Double.NaN) > 0)) {
        errs.add("component " + i + ": variance must be > 0");
      }
      if (!m.path("labelCol").isTextual() || !m.path("intercept").isBoolean()) {
        errs.add("regression: labelCol and intercept must be given");
      }
    }
    if (emission.equals("poisson")) {
      c.path("lambda").forEach(l -> {
        if (!(l.asDouble() >= 0)) {
          errs.add("component " + i + ": negative lambda");
        }
      });
    }
  }

  /** bic = −2·LL + q·ln W, aic = −2·LL + 2q. */
  private static void criteria(JsonNode m, String fam, List<String> errs) {
    if (fam.equals("kmeans") || !m.has("logLikelihood") || !m.has("parameters") || !m.has("bic") || !m.has("aic")) {
      return;
    }
    double ll = m.path("logLikelihood").asDouble();
    double q = m.path("parameters").asDouble();
    double n = m.path("totalWeight").asDouble();
    if (n > 0 && !close(m.path("bic").asDouble(), -2 * ll + q * Math.log(n), 1e-9, 1e-6)) {
      errs.add("bic " + m.path("bic") + " != -2LL + q ln n = " + (-2 * ll + q * Math.log(n)));
    }
    if (!close(m.path("aic").asDouble(), -2 * ll + 2 * q, 1e-9, 1e-6)) {
      errs.add("aic " + m.path("aic") + " != -2LL + 2q = " + (-2 * ll + 2 * q));
    }
  }

  /**
   * Trace iterations 1..n; for plain EM (no accelerator, full batch, no pseudo-count, which makes EM
   * climb a posterior instead) a log-likelihood that never decreases by more than 1e-9 relative.
   */
  private static void trace(JsonNode m, String fam, List<String> errs) {
    JsonNode tr = m.path("trace");
    List<Double> lls = new ArrayList<>();
    for (int i = 0; i < tr.size(); i++) {
      if (tr.get(i).path("iteration").asInt() != i + 1) {
        errs.add("trace[" + i + "].iteration is " + tr.get(i).path("iteration") + ", expected " + (i + 1));
        break;
      }
      if (tr.get(i).path("logLikelihood").isNumber()) {
        lls.add(tr.get(i).path("logLikelihood").asDouble());
      }
    }
    boolean plain = m.path("accelerate").asText("none").equals("none") && !fam.equals("kmeans")
        && m.path("miniBatch").asDouble(1) == 1 && m.path("provenance").path("pseudoCount").asDouble(0) == 0;
    for (int i = 1; plain && i < lls.size(); i++) {
      if (lls.get(i) < lls.get(i - 1) - 1e-9 * Math.abs(lls.get(i - 1))) {
        errs.add("trace log-likelihood decreased: " + lls.get(i - 1) + " -> " + lls.get(i));
        break;
      }
    }
  }

  private static double[][] matrix(JsonNode rows, int d) {
    if (rows.size() != d) {
      return null;
    }
    double[][] s = new double[d][d];
    for (int a = 0; a < d; a++) {
      if (rows.get(a).size() != d) {
        return null;
      }
      for (int b = 0; b < d; b++) {
        s[a][b] = rows.get(a).get(b).asDouble();
      }
    }
    return s;
  }

  /** Whether a Cholesky factorisation of {@code s} succeeds with positive pivots. */
  static boolean positiveDefinite(double[][] s) {
    int n = s.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = s[i][j];
        for (int t = 0; t < j; t++) {
          v -= l[i][t] * l[j][t];
        }
        if (i == j) {
          if (!(v > 0)) {
            return false;
          }
          l[i][i] = Math.sqrt(v);
        } else {
          l[i][j] = v / l[j][j];
        }
      }
    }
    return true;
  }

  private static double sum(JsonNode values) {
    double s = 0;
    for (JsonNode v : values) {
      s += v.asDouble();
    }
    return s;
  }

  private static boolean close(double a, double b, double rtol, double atol) {
    return Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));
  }
}
