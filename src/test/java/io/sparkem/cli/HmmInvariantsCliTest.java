package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.fit.ModelJson;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.HmmData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --family hmm} with gaussian emissions from the command line: row order does not
 * matter, restarts keep the best, and {@code --init model:PATH --max-iter 0} returns θ unchanged
 * with the log-likelihood of a forward recursion computed here in log space.
 */
class HmmInvariantsCliTest {

  @TempDir Path dir;

  private static final HmmData.Truth TRUTH = HmmData.truth(3, 2);
  private static final String[] HMM = {"--family", "hmm", "--sequence-col", "seq", "--order-col", "t",
      "--features", "x1,x2"};

  private JsonNode fit(Path in, String name, String... args) throws Exception {
    Path out = dir.resolve(name);
    List<String> all = new ArrayList<>(List.of("fit", "--input", in.toString(), "--output", out.toString()));
    all.addAll(List.of(HMM));
    all.addAll(List.of(args));
    Cli.Run run = Cli.run(all.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    ContractCheck.assertValid(out);
    return FitCommandTest.model(out);
  }

  @Test
  void shuffledRowsGiveTheSameGaussianModelAsSortedOnes() throws Exception {
    double[][][] x = HmmData.draw(TRUTH, 30, 60, 12, null);
    Path sorted = HmmData.csv(dir.resolve("sorted.csv"), x, null);
    Path shuffled = HmmData.csv(dir.resolve("shuffled.csv"), x, 99L);
    JsonNode a = fit(sorted, "a", "--k", "3", "--tol", "1e-9", "--max-iter", "60");
    JsonNode b = fit(shuffled, "b", "--k", "3", "--tol", "1e-9", "--max-iter", "60");
    assertThat(a.path("emission").asText()).isEqualTo("gaussian");
    assertThat(a.path("sequences").asInt()).isEqualTo(30);
    assertThat(b.path("iterations").asInt()).isEqualTo(a.path("iterations").asInt());
    assertThat(b.path("logLikelihood").asDouble()).isCloseTo(a.path("logLikelihood").asDouble(), within(1e-7));
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(b.path("transitions").get(i).get(j).asDouble())
            .isCloseTo(a.path("transitions").get(i).get(j).asDouble(), within(1e-9));
      }
      for (int c = 0; c < 2; c++) {
        assertThat(b.path("components").get(i).path("mean").get(c).asDouble())
            .isCloseTo(a.path("components").get(i).path("mean").get(c).asDouble(), within(1e-9));
      }
    }
  }

  @Test
  void restartsKeepTheBestStart() throws Exception {
    double[][][] x = HmmData.draw(HmmData.truth(4, 2), 20, 50, 5, null);
    Path in = HmmData.csv(dir.resolve("in.csv"), x, 3L);
    // Few iterations, so that the starts have not all reached the same maximum.
    JsonNode one = fit(in, "one", "--k", "4", "--max-iter", "5", "--seed", "3");
    JsonNode three = fit(in, "three", "--k", "4", "--max-iter", "5", "--seed", "3", "--restarts", "3");
    JsonNode lls = three.path("provenance").path("restartLogLikelihoods");
    assertThat(lls.size()).isEqualTo(3);
    double best = Double.NEGATIVE_INFINITY;
    for (JsonNode ll : lls) {
      best = Math.max(best, ll.asDouble());
    }
    System.out.printf("hmm restarts: %s, one start %.6f%n", lls, one.path("logLikelihood").asDouble());
    assertThat(three.path("logLikelihood").asDouble()).isEqualTo(best);
    // The first restart is the single start of the same seed, so the best of three is no worse.
    assertThat(lls.get(0).asDouble()).isCloseTo(one.path("logLikelihood").asDouble(), within(1e-9));
    assertThat(three.path("logLikelihood").asDouble()).isGreaterThanOrEqualTo(one.path("logLikelihood").asDouble());
  }

  @Test
  void initFromAModelWithZeroIterationsReturnsItUnchanged() throws Exception {
    double[][][] x = HmmData.draw(TRUTH, 12, 40, 21, null);
    Path in = HmmData.csv(dir.resolve("in.csv"), x, 4L);
    Path start = Data.write(dir.resolve("start.json"), truthJson(TRUTH).toString());
    JsonNode m = fit(in, "zero", "--k", "3", "--init", "model:" + start, "--max-iter", "0");
    assertThat(m.path("iterations").asInt()).isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(m.path("start").get(i).asDouble()).isCloseTo(TRUTH.start()[i], within(1e-15));
      for (int j = 0; j < 3; j++) {
        assertThat(m.path("transitions").get(i).get(j).asDouble()).isCloseTo(TRUTH.transitions()[i][j], within(1e-15));
      }
      for (int c = 0; c < 2; c++) {
        assertThat(m.path("components").get(i).path("mean").get(c).asDouble()).isEqualTo(TRUTH.means()[i][c]);
        for (int e = 0; e < 2; e++) {
          assertThat(m.path("components").get(i).path("covariance").get(c).get(e).asDouble())
              .isCloseTo(c == e ? TRUTH.sd()[i] * TRUTH.sd()[i] : 0, within(1e-12));
        }
      }
    }
    // The log-likelihood of θ0: the forward recursion in log space, with the CSV's numbers.
    double ll = 0;
    for (double[][] seq : x) {
      ll += logForward(seq);
    }
    assertThat(m.path("logLikelihood").asDouble()).isCloseTo(ll, within(1e-9 * Math.abs(ll)));
  }

  @Test
  void squaremIsRefusedForHmmAsTheUsersFault() {
    double[][][] x = HmmData.draw(TRUTH, 4, 20, 2, null);
    Path in = HmmData.csv(dir.resolve("in.csv"), x, null);
    Path out = dir.resolve("sq");
    List<String> all = new ArrayList<>(List.of("fit", "--input", in.toString(), "--output", out.toString(),
        "--k", "2", "--accelerate", "squarem"));
    all.addAll(List.of(HMM));
    Cli.Run run = Cli.run(all.toArray(String[]::new));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--accelerate squarem").contains("--family hmm").contains("--accelerate none");
    assertThat(out).doesNotExist();
  }

  /** log P(x) by α_t(j) = log f_j(x_t) + logsumexp_i(α_{t−1}(i) + log a_ij), Rabiner 1989 eq. 20. */
  private static double logForward(double[][] seq) {
    int k = TRUTH.k();
    double[] alpha = new double[k];
    for (int t = 0; t < seq.length; t++) {
      double[] next = new double[k];
      for (int j = 0; j < k; j++) {
        double lf = logDensity(seq[t], j);
        if (t == 0) {
          next[j] = Math.log(TRUTH.start()[j]) + lf;
        } else {
          double[] terms = new double[k];
          for (int i = 0; i < k; i++) {
            terms[i] = alpha[i] + Math.log(TRUTH.transitions()[i][j]);
          }
          next[j] = logSumExp(terms) + lf;
        }
      }
      alpha = next;
    }
    return logSumExp(alpha);
  }

  /** log N(x; μ_j, σ_j² I) of the CSV's text of x (written as floats). */
  private static double logDensity(double[] x, int j) {
    double sd = TRUTH.sd()[j];
    double q = 0;
    for (int c = 0; c < x.length; c++) {
      double v = Double.parseDouble(Float.toString((float) x[c])) - TRUTH.means()[j][c];
      q += v * v;
    }
    return -0.5 * x.length * Math.log(2 * Math.PI) - x.length * Math.log(sd) - q / (2 * sd * sd);
  }

  private static double logSumExp(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double a : v) {
      m = Math.max(m, a);
    }
    double s = 0;
    for (double a : v) {
      s += Math.exp(a - m);
    }
    return m + Math.log(s);
  }

  /** The generator's θ as an hmm model.json with full covariances. */
  static ObjectNode truthJson(HmmData.Truth truth) {
    ObjectNode root = ModelJson.MAPPER.createObjectNode();
    int k = truth.k();
    int d = truth.d();
    root.put("family", "hmm");
    root.put("emission", "gaussian");
    root.put("covariance", "full");
    root.put("k", k);
    root.put("dimension", d);
    ArrayNode features = root.putArray("features");
    for (String f : HmmData.features(d)) {
      features.add(f);
    }
    ArrayNode start = root.putArray("start");
    ArrayNode trans = root.putArray("transitions");
    ArrayNode comps = root.putArray("components");
    for (int i = 0; i < k; i++) {
      start.add(truth.start()[i]);
      ArrayNode row = trans.addArray();
      for (int j = 0; j < k; j++) {
        row.add(truth.transitions()[i][j]);
      }
      ObjectNode c = comps.addObject();
      ArrayNode mean = c.putArray("mean");
      ArrayNode cov = c.putArray("covariance");
      for (int a = 0; a < d; a++) {
        mean.add(truth.means()[i][a]);
        ArrayNode r = cov.addArray();
        for (int b = 0; b < d; b++) {
          r.add(a == b ? truth.sd()[i] * truth.sd()[i] : 0.0);
        }
      }
    }
    root.put("sequenceCol", "seq");
    root.put("orderCol", "t");
    return root;
  }
}
