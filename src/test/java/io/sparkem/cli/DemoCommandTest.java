package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/em demo}, the first thing a user runs, converges and prints its table (issue #14,
 * item 11). The groups it draws are women ~ N(162, 5²) and men ~ N(172, 5²), 100 of each in
 * expectation; 200 students pin the fitted means to within a few centimetres.
 */
class DemoCommandTest {

  @TempDir Path dir;

  @Test
  void theDemoConvergesAndPrintsTheTable() throws Exception {
    Cli.Run run = Cli.run("demo", "--workdir", dir.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("true: mean    sd  share   fitted: mean    sd  weight")
        .containsPattern("(?m)^  women +162\\.0 +5\\.0 +0\\.50 ").containsPattern("(?m)^  men +172\\.0 +5\\.0 +0\\.50 ")
        .contains("--accelerate squarem").contains("demo: converged after");
    JsonNode model = FitCommandTest.model(dir.resolve("model"));
    assertThat(model.path("converged").asBoolean()).isTrue();
    assertThat(model.path("iterations").asInt()).isLessThan(100);
    double a = model.path("components").get(0).path("mean").get(0).asDouble();
    double b = model.path("components").get(1).path("mean").get(0).asDouble();
    assertThat(Math.min(a, b)).isCloseTo(162, within(4.0));
    assertThat(Math.max(a, b)).isCloseTo(172, within(4.0));
    // run twice: the second run replaces the demo's own outputs
    assertThat(Cli.run("demo", "--workdir", dir.toString()).code()).isZero();
  }
}
