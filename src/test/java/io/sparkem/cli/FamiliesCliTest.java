package io.sparkem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkem.testing.Cli;
import io.sparkem.testing.Data;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every family fits from the command line and writes a model.json the contract's checker accepts. */
class FamiliesCliTest {

  @TempDir Path dir;

  private JsonNode fit(String... args) throws Exception {
    Path out = dir.resolve("out-" + System.nanoTime());
    String[] all = new String[args.length + 3];
    all[0] = "fit";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--output";
    all[args.length + 2] = out.toString();
    Cli.Run run = Cli.run(all);
    assertThat(run.code()).as(run.err()).isZero();
    ContractCheck.assertValid(out);
    return FitCommandTest.model(out);
  }

  /**
   * Do &amp; Batzoglou (2008), "What is the expectation maximization algorithm?", Nature
   * Biotechnology 26:897, figure 1b: five runs of ten tosses with 5, 9, 8, 4 and 7 heads; from
   * θA = 0.6, θB = 0.5 with the coins equally likely, one EM step gives θA ≈ 0.71, θB ≈ 0.58 and
   * ten give θA ≈ 0.80, θB ≈ 0.52.
   */
  @Test
  void twoCoins() throws Exception {
    Path tosses = Data.write(dir.resolve("coins.csv"), "heads\n5\n9\n8\n4\n7\n");
    Path start = Data.write(dir.resolve("start.json"), "{\"family\":\"binomial\",\"k\":2,\"dimension\":1,"
        + "\"features\":[\"heads\"],\"components\":[{\"weight\":0.5,\"p\":0.6},{\"weight\":0.5,\"p\":0.5}]}");
    String[] common = {"--family", "binomial", "--input", tosses.toString(), "--trials", "10", "--k", "2",
        "--fix-weights", "--init", "model:" + start, "--tol", "0"};
    JsonNode one = fit(concat(common, "--max-iter", "1"));
    assertThat(one.path("components").get(0).path("p").asDouble()).isCloseTo(0.71, within(0.01));
    assertThat(one.path("components").get(1).path("p").asDouble()).isCloseTo(0.58, within(0.01));
    JsonNode ten = fit(concat(common, "--max-iter", "10"));
    assertThat(ten.path("components").get(0).path("p").asDouble()).isCloseTo(0.80, within(0.01));
    assertThat(ten.path("components").get(1).path("p").asDouble()).isCloseTo(0.52, within(0.01));
    assertThat(ten.path("components").get(0).path("weight").asDouble()).isEqualTo(0.5);
    assertThat(ten.path("trials").asInt()).isEqualTo(10);
  }

  @Test
  void binomialNeedsTrials() {
    Path tosses = Data.write(dir.resolve("coins.csv"), "heads\n5\n9\n");
    Cli.Run run = Cli.run("fit", "--family", "binomial", "--input", tosses.toString(), "--k", "1",
        "--output", dir.resolve("o").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--trials");
  }

  @Test
  void bernoulliPoissonMultinomialAndKmeansFit() throws Exception {
    SplittableRandom rng = new SplittableRandom(3);
    StringBuilder binary = new StringBuilder("a,b,c\n");
    StringBuilder counts = new StringBuilder("a,b,c\n");
    for (int i = 0; i < 300; i++) {
      double p = i % 2 == 0 ? 0.9 : 0.1;
      double lambda = i % 2 == 0 ? 1 : 8;
      binary.append(bit(rng, p)).append(',').append(bit(rng, p)).append(',').append(bit(rng, 1 - p)).append('\n');
      counts.append(poisson(rng, lambda)).append(',').append(poisson(rng, lambda)).append(',')
          .append(poisson(rng, 9 - lambda)).append('\n');
    }
    Path bin = Data.write(dir.resolve("binary.csv"), binary.toString());
    Path cnt = Data.write(dir.resolve("counts.csv"), counts.toString());

    JsonNode bernoulli = fit("--family", "bernoulli", "--input", bin.toString(), "--k", "2");
    assertThat(bernoulli.path("components").get(0).path("p").size()).isEqualTo(3);
    JsonNode poisson = fit("--family", "poisson", "--input", cnt.toString(), "--k", "2");
    double l0 = poisson.path("components").get(0).path("lambda").get(0).asDouble();
    double l1 = poisson.path("components").get(1).path("lambda").get(0).asDouble();
    assertThat(Math.min(l0, l1)).isCloseTo(1, within(0.35));
    assertThat(Math.max(l0, l1)).isCloseTo(8, within(0.6));
    JsonNode multinomial = fit("--family", "multinomial", "--input", cnt.toString(), "--k", "2",
        "--pseudo-count", "0.5");
    assertThat(multinomial.path("components").get(0).path("p").size()).isEqualTo(3);
    JsonNode kmeans = fit("--family", "kmeans", "--input", cnt.toString(), "--k", "2");
    assertThat(kmeans.has("cost")).isTrue();
    assertThat(kmeans.has("logLikelihood")).isFalse();
    assertThat(kmeans.path("trace").get(0).has("cost")).isTrue();
  }

  @Test
  void nonBinaryValueIsBadBernoulliInput() {
    Path bin = Data.write(dir.resolve("binary.csv"), "a,b\n0,1\n1,1\n1,2\n");
    Cli.Run run = Cli.run("fit", "--family", "bernoulli", "--input", bin.toString(), "--k", "1",
        "--output", dir.resolve("o").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("row 3").contains("column 'b'").contains("0 or 1");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void everyCovarianceTypeFits() throws Exception {
    Path in = Data.csv(dir.resolve("blobs.csv"), "x,y", Data.twoBlobs(200, 8));
    for (String c : new String[] {"full", "diag", "tied", "spherical"}) {
      JsonNode m = fit("--input", in.toString(), "--k", "2", "--covariance", c);
      assertThat(m.path("covariance").asText()).isEqualTo(c);
    }
  }

  private static int bit(SplittableRandom rng, double p) {
    return rng.nextDouble() < p ? 1 : 0;
  }

  private static int poisson(SplittableRandom rng, double lambda) {
    double l = Math.exp(-lambda);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= rng.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
