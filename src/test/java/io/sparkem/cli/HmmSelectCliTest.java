package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code select --family hmm}: BIC over the number of hidden states, on the casino. */
class HmmSelectCliTest {

  @TempDir Path dir;

  @Test
  void bicPicksTheCasinosTwoDice() throws Exception {
    List<String> lines = new ArrayList<>(HmmCliTest.casinoLines(50, 200, 77));
    Collections.shuffle(lines, new Random(1));
    Path in = HmmCliTest.csv(dir.resolve("casino.csv"), lines);
    Path out = dir.resolve("sel");
    Cli.Run run = Cli.run("select", "--input", in.toString(), "--output", out.toString(), "--family", "hmm",
        "--emission", "categorical", "--sequence-col", "seq", "--order-col", "t", "--features", "roll",
        "--k-range", "1..4");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode selection = new ObjectMapper().readTree(out.resolve("selection.json").toFile());
    JsonNode candidates = selection.path("candidates");
    assertThat(candidates.size()).isEqualTo(4);
    double n = 50 * 200;
    int d = 6;
    for (JsonNode c : candidates) {
      int k = c.path("k").asInt();
      // Hand count: (k − 1) start + k(k − 1) transition + k(d − 1) face probabilities.
      int parameters = (k - 1) + k * (k - 1) + k * (d - 1);
      assertThat(c.path("parameters").asInt()).as("parameters at k=%d", k).isEqualTo(parameters);
      assertThat(c.path("family").asText()).isEqualTo("hmm");
      assertThat(c.path("bic").asDouble()).isCloseTo(
          -2 * c.path("logLikelihood").asDouble() + parameters * Math.log(n), within(1e-6));
      System.out.printf("hmm select: k=%d  logLikelihood %.3f  parameters %d  bic %.3f%n", k,
          c.path("logLikelihood").asDouble(), parameters, c.path("bic").asDouble());
    }
    // k = 1 is the i.i.d. die: its log-likelihood is the multinomial one, Σ_a n_a log(n_a / n),
    // computed here from the counts.
    long[] counts = new long[6];
    for (String line : lines) {
      counts[Integer.parseInt(line.split(",")[2]) - 1]++;
    }
    double iid = 0;
    for (long c : counts) {
      iid += c * Math.log(c / n);
    }
    assertThat(candidates.get(0).path("logLikelihood").asDouble()).isCloseTo(iid, within(1e-6 * Math.abs(iid)));
    // More states never fit worse than one (each k >= 2 can imitate the i.i.d. die).
    for (int i = 1; i < 4; i++) {
      assertThat(candidates.get(i).path("logLikelihood").asDouble())
          .isGreaterThan(candidates.get(0).path("logLikelihood").asDouble());
    }
    assertThat(selection.path("best").path("k").asInt()).isEqualTo(2);
    JsonNode model = FitCommandTest.model(out);
    assertThat(model.path("family").asText()).isEqualTo("hmm");
    assertThat(model.path("k").asInt()).isEqualTo(2);
    assertThat(model.path("transitions").size()).isEqualTo(2);
    assertThat(model.path("sequenceCol").asText()).isEqualTo("seq");
    assertThat(model.path("alphabet").toString()).isEqualTo("[1,2,3,4,5,6]");
    assertThat(run.lastLine()).contains("\"k\":2");
    ContractCheck.assertValid(out);
  }
}
