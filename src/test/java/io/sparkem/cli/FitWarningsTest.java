package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import io.sparkem.testing.LogCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data that cannot support the model are fitted, but never silently (issue #14, item 9): each case
 * ends with a warning in model.json's {@code warnings} and the same words on stderr. The expected
 * counts are hand-computed: a full-covariance Gaussian mixture has (k − 1) + k·d + k·d(d+1)/2 free
 * parameters (scikit-learn's {@code _n_parameters}), 19 for k = 2, d = 3.
 */
class FitWarningsTest {

  @TempDir Path dir;

  /** Fits, checks exit 0, and returns model.json's warnings and what the log said. */
  private List<String> warnings(String name, String csv, String... options) throws Exception {
    Path in = Data.write(dir.resolve(name + ".csv"), csv);
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("fit", "--input", in.toString(), "--output", out.toString()));
    args.addAll(List.of(options));
    String log;
    try (LogCapture capture = new LogCapture()) {
      Cli.Run run = Cli.run(args.toArray(String[]::new));
      assertThat(run.code()).as(run.err()).isZero();
      log = capture.text();
    }
    ContractCheck.assertValid(out);
    List<String> found = new ArrayList<>();
    for (JsonNode w : FitCommandTest.model(out).path("warnings")) {
      found.add(w.asText());
      assertThat(log).as("stderr says " + w.asText()).contains("warning: " + w.asText());
    }
    return found;
  }

  @Test
  void moreParametersThanRecordsAndASingleRecordAreWarnedAbout() throws Exception {
    SplittableRandom rng = new SplittableRandom(9);
    StringBuilder eight = new StringBuilder("a,b,c\n");
    for (int i = 0; i < 8; i++) {
      double c = i < 4 ? 0 : 20;
      eight.append(c + rng.nextGaussian()).append(',').append(c + rng.nextGaussian()).append(',')
          .append(rng.nextGaussian()).append('\n');
    }
    assertThat(warnings("eight", eight.toString(), "--k", "2"))
        .anyMatch(w -> w.startsWith("the model has 19 free parameters but the data only 8 records")
            && w.contains("--covariance diag"));
    // In one dimension every covariance type has one variance per component: no such remedy.
    assertThat(warnings("one", "x\n4.2\n", "--k", "1"))
        .anyMatch(w -> w.startsWith("the data hold a single record"))
        .anyMatch(w -> w.startsWith("the model has 2 free parameters but the data only 1 record:"))
        .noneMatch(w -> w.contains("--covariance"));
  }

  @Test
  void aConstantFeatureColumnIsNamed() throws Exception {
    StringBuilder csv = new StringBuilder("x,level\n");
    for (double[] r : Data.twoBlobs(60, 2)) {
      csv.append(r[0]).append(",3.5\n");
    }
    List<String> found = warnings("constant", csv.toString(), "--k", "2");
    assertThat(found).anyMatch(w -> w.startsWith("feature 'level' has the same value (3.5) in every record"));
    assertThat(found).noneMatch(w -> w.contains("'x'"));
  }

  @Test
  void anHmmWhoseSequencesAreAllOfLengthOneSaysNoTransitionWasSeen() throws Exception {
    StringBuilder csv = new StringBuilder("seq,t,x\n");
    for (double[] r : Data.twoBlobs(40, 3)) {
      csv.append("s").append(csv.length()).append(",0,").append(r[0]).append('\n');
    }
    assertThat(warnings("hmm", csv.toString(), "--family", "hmm", "--k", "2", "--sequence-col", "seq",
        "--order-col", "t")).anyMatch(w -> w.startsWith("every sequence has length 1"));
  }
}
