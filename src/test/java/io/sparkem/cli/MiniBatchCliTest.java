package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --mini-batch F} end to end: validation, model.json's fields, the contract's checker. */
class MiniBatchCliTest {

  @TempDir Path dir;

  private Cli.Run fit(Path in, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("fit", "--input", in.toString(), "--k", "2",
        "--output", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aMiniBatchFitRecordsItsFractionAndItsReads() throws Exception {
    Path in = Data.csv(dir.resolve("blobs.csv"), "x,y", Data.twoBlobs(3000, 5));
    Path full = dir.resolve("full");
    Path mini = dir.resolve("mini");
    Cli.Run a = fit(in, full);
    Cli.Run b = fit(in, mini, "--mini-batch", "0.5", "--max-iter", "12", "--tol", "0");
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    JsonNode f = FitCommandTest.model(full);
    JsonNode m = FitCommandTest.model(mini);
    assertThat(f.path("miniBatch").asDouble()).isEqualTo(1.0);
    // One pass per iteration plus the final one — and one more when the loop could not foresee the
    // last pass to collect the log-densities there (a fit converging in its first passes).
    assertThat(f.path("recordsRead").asLong()).isIn(3000L * (f.path("iterations").asInt() + 1),
        3000L * (f.path("iterations").asInt() + 2));
    assertThat(m.path("miniBatch").asDouble()).isEqualTo(0.5);
    assertThat(m.path("iterations").asInt()).isEqualTo(12);
    assertThat(m.path("trace").size()).isEqualTo(12);
    // 3,000 rows of 2 features make one block: a step reads it or not, so reads are multiples of 3,000.
    long reads = m.path("recordsRead").asLong();
    assertThat(reads % 3000).isZero();
    assertThat(reads).isBetween(3000L, 3000L * 13);
    assertThat(m.path("logLikelihood").asDouble())
        .isCloseTo(f.path("logLikelihood").asDouble(), org.assertj.core.data.Percentage.withPercentage(0.1));
    ContractCheck.assertValid(full);
    ContractCheck.assertValid(mini);
  }

  @Test
  void badFractionsAndCombinationsAreTheUsersFault() {
    Path in = Data.csv(dir.resolve("blobs.csv"), "x,y", Data.twoBlobs(100, 5));
    for (String f : new String[] {"0", "1.5", "-0.2", "NaN"}) {
      Cli.Run run = fit(in, dir.resolve("o"), "--mini-batch", f);
      assertThat(run.code()).as(f).isEqualTo(2);
      assertThat(run.err()).contains("--mini-batch must be a fraction F with 0 < F <= 1");
    }
    Cli.Run squarem = fit(in, dir.resolve("o"), "--mini-batch", "0.5", "--accelerate", "squarem");
    assertThat(squarem.code()).isEqualTo(2);
    assertThat(squarem.err()).contains("--mini-batch cannot be combined with --accelerate squarem");
    assertThat(dir.resolve("o")).doesNotExist();
    Path seq = Data.write(dir.resolve("seq.csv"), "seq,t,x\na,1,0.5\na,2,1.5\nb,1,0.2\nb,2,3.0\n");
    Cli.Run hmm = Cli.run("fit", "--input", seq.toString(), "--k", "2", "--family", "hmm",
        "--sequence-col", "seq", "--order-col", "t", "--features", "x", "--mini-batch", "0.5",
        "--output", dir.resolve("h").toString());
    assertThat(hmm.code()).isEqualTo(2);
    assertThat(hmm.err()).contains("--mini-batch is not available for --family hmm");
  }
}
