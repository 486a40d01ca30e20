package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --family hmm} from the command line: fit, model.json, bad input. */
class HmmCliTest {

  @TempDir Path dir;

  /** Casino rolls as CSV lines "seq,t,roll" (header first), in generation order. */
  static List<String> casinoLines(int sequences, int length, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    for (int s = 0; s < sequences; s++) {
      int die = rng.nextDouble() < 2 / 3.0 ? 0 : 1;
      for (int t = 0; t < length; t++) {
        if (t > 0 && rng.nextDouble() < (die == 0 ? 0.05 : 0.1)) {
          die = 1 - die;
        }
        int roll = die == 0 ? 1 + rng.nextInt(6) : (rng.nextDouble() < 0.5 ? 6 : 1 + rng.nextInt(5));
        lines.add("s" + s + "," + t + "," + roll + "," + die);
      }
    }
    return lines;
  }

  static Path csv(Path file, List<String> lines) {
    return Data.write(file, "seq,t,roll,die\n" + String.join("\n", lines) + "\n");
  }

  private JsonNode fit(Path out, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("fit", "--output", out.toString()));
    all.addAll(List.of(args));
    Cli.Run run = Cli.run(all.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    ContractCheck.assertValid(out);
    return FitCommandTest.model(out);
  }

  @Test
  void categoricalCasinoFitsAndShuffledRowsGiveTheSameModel() throws Exception {
    List<String> lines = casinoLines(60, 200, 11);
    Path sorted = csv(dir.resolve("sorted.csv"), lines);
    List<String> shuffled = new ArrayList<>(lines);
    Collections.shuffle(shuffled, new Random(3));
    Path mixed = csv(dir.resolve("shuffled.csv"), shuffled);
    String[] common = {"--family", "hmm", "--emission", "categorical", "--sequence-col", "seq",
        "--order-col", "t", "--features", "roll", "--k", "2", "--tol", "1e-8"};
    JsonNode a = fit(dir.resolve("a"), concat(common, "--input", sorted.toString()));
    JsonNode b = fit(dir.resolve("b"), concat(common, "--input", mixed.toString()));
    assertThat(a.path("family").asText()).isEqualTo("hmm");
    assertThat(a.path("emission").asText()).isEqualTo("categorical");
    assertThat(a.path("sequences").asLong()).isEqualTo(60);
    assertThat(a.path("records").asLong()).isEqualTo(12_000);
    assertThat(a.path("sequenceCol").asText()).isEqualTo("seq");
    assertThat(a.path("orderCol").asText()).isEqualTo("t");
    assertThat(a.path("alphabet").toString()).isEqualTo("[1,2,3,4,5,6]");
    assertThat(a.path("components").get(0).has("weight")).isFalse();
    assertThat(a.path("components").get(0).path("p").size()).isEqualTo(6);
    // 2 × 2 transitions: 1 start + 2 transition + 2 × 5 emission parameters.
    assertThat(a.path("parameters").asInt()).isEqualTo(13);
    assertThat(b.path("logLikelihood").asDouble()).isCloseTo(a.path("logLikelihood").asDouble(), within(1e-6));
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(b.path("transitions").get(i).get(j).asDouble())
            .isCloseTo(a.path("transitions").get(i).get(j).asDouble(), within(1e-9));
      }
    }
    int loaded = a.path("components").get(1).path("p").get(5).asDouble() > 0.3 ? 1 : 0;
    assertThat(a.path("transitions").get(1 - loaded).get(loaded).asDouble()).isCloseTo(0.05, within(0.03));
    assertThat(a.path("transitions").get(loaded).get(1 - loaded).asDouble()).isCloseTo(0.1, within(0.05));
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
