package io.sparkem.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FitResult;
import io.sparkem.core.FitState;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.Model;
import io.sparkem.core.RecordDensities;
import io.sparkem.core.SufficientStats;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code score}, {@code update} and model.json's {@code statistics} need of every mixture
 * family, as a test interface {@link FamilyContractTest} implements (so every family's test runs it):
 * the statistics round-trip through JSON exactly, and the θ their M-step gives is the same bits;
 * the per-record log-densities of the E-step add up to its log-likelihood, and collecting them leaves
 * the statistics as they were; prior statistics blend like one more batch of records (an update
 * of A by B from θ_A takes the EM step of A ∪ B), and a prior of decay 0 changes nothing.
 *
 * @param <M> the family's θ
 */
public interface StatisticsContract<M extends Model> {

  ObjectMapper JSON = new ObjectMapper();

  /** The family under test. */
  Family<M> familyUnderTest();

  /** n records of the family, in {@code blocks} blocks, from a fixed seed. */
  LocalStatisticsSource recordsUnderTest(long seed, int n, int blocks);

  /** A θ near a fit of {@code data}. */
  M thetaFor(LocalStatisticsSource data);

  /** θ as one vector. */
  double[] flat(M theta);

  /** Whether a record has a density (k-means: no). */
  default boolean hasDensity() {
    return true;
  }

  @Test
  default void statisticsRoundTripThroughJsonExactly() throws Exception {
    LocalStatisticsSource data = recordsUnderTest(31, 300, 3);
    M theta = thetaFor(data);
    Family<M> family = familyUnderTest();
    SufficientStats stats = data.pass(List.of(family.eStep(theta))).get(0);
    SufficientStats back = throughJson(family, stats, theta);
    assertThat(back.logLikelihood()).isEqualTo(stats.logLikelihood());
    assertThat(back.totalWeight()).isEqualTo(stats.totalWeight());
    assertThat(back.records()).isEqualTo(stats.records());
    assertThat(flat(family.mStep(back, theta).model())).containsExactly(flat(family.mStep(stats, theta).model()));
  }

  @Test
  default void recordLogDensitiesAddUpToTheLogLikelihoodAndCollectingThemChangesNothing() {
    LocalStatisticsSource data = recordsUnderTest(32, 400, 4);
    M theta = thetaFor(data);
    EStep plain = familyUnderTest().eStep(theta);
    if (!hasDensity()) {
      assertThat(plain.collectingDensities(new double[0])).isEmpty();
      return;
    }
    EStep collecting = plain.collectingDensities(new double[] {-1e300}).orElseThrow();
    SufficientStats a = data.pass(List.of(plain)).get(0);
    SufficientStats b = data.pass(List.of(collecting)).get(0);
    assertThat(b.logLikelihood()).isEqualTo(a.logLikelihood());
    assertThat(flat(familyUnderTest().mStep(b, theta).model()))
        .containsExactly(flat(familyUnderTest().mStep(a, theta).model()));
    // Row by row through posteriors: Σ w·log p(x) is the pass's log-likelihood, and the sketch holds
    // every record (fewer than a summary's size: its median is the exact one).
    double sum = 0;
    double[] all = new double[0];
    for (Block block : data.blocks()) {
      double[] ld = new double[block.rows()];
      ((MixtureEStep) plain).posteriors(block, new double[block.rows() * theta.k()], false, ld);
      for (int i = 0; i < block.rows(); i++) {
        sum += block.w()[i] * ld[i];
      }
      all = concat(all, ld);
    }
    assertThat(sum).isCloseTo(a.logLikelihood(), within(1e-12 * Math.abs(a.logLikelihood())));
    RecordDensities d = b.densities().orElseThrow();
    assertThat(d.sketch().weight()).isEqualTo(a.totalWeight());
    assertThat(d.weightBelow()).containsExactly(0.0);
    Arrays.sort(all);
    double median = all[(all.length + 1) / 2 - 1];
    assertThat(d.sketch().quantiles(0.5)[0]).isCloseTo(median, within(1e-12 * Math.max(1, Math.abs(median))));
  }

  @Test
  default void priorStatisticsBlendLikeOneMoreBatchAndDecayZeroChangesNothing() {
    LocalStatisticsSource a = recordsUnderTest(33, 300, 2);
    LocalStatisticsSource b = recordsUnderTest(34, 200, 2);
    List<Block> union = new java.util.ArrayList<>(a.blocks());
    union.addAll(b.blocks());
    Family<M> family = familyUnderTest();
    M thetaA = thetaFor(a);
    SufficientStats statsA = a.pass(List.of(family.eStep(thetaA))).get(0);
    // One EM step of the update from θ_A = one EM step on A ∪ B from θ_A: S_A(θ_A) + S_B(θ_A) = S_{A∪B}(θ_A).
    FitResult<?> update = EmLoop.runAll(List.of(new EmLoop.Job<>(family, FitState.start(thetaA), statsA)), b,
        new EmOptions(1, 0), (f, e, d) -> { }).get(0);
    M direct = family.mStep(new LocalStatisticsSource(union).pass(List.of(family.eStep(thetaA))).get(0), thetaA)
        .model();
    double[] u = flat(cast(update.model()));
    double[] v = flat(direct);
    for (int i = 0; i < u.length; i++) {
      assertThat(u[i]).as("entry %d", i).isCloseTo(v[i], within(1e-9 * Math.max(1, Math.abs(v[i]))));
    }
    assertThat(update.records()).isEqualTo(500);
    // Decay 0: the same bits as no prior at all.
    SufficientStats zero = family.readStatistics(written(statsA), thetaA).scale(0);
    FitResult<?> decayed = EmLoop.runAll(List.of(new EmLoop.Job<>(family, FitState.start(thetaA), zero)), b,
        new EmOptions(5, 0), (f, e, d) -> { }).get(0);
    FitResult<M> plain = EmLoop.run(family, thetaA, b, new EmOptions(5, 0), (f, e, d) -> { });
    assertThat(flat(cast(decayed.model()))).containsExactly(flat(plain.model()));
    assertThat(decayed.logLikelihood()).isEqualTo(plain.logLikelihood());
    assertThat(decayed.records()).isEqualTo(200);
  }

  /**
   * {@code stats} written as model.json's {@code statistics}, to text, and read back by the family;
   * written again, the text is the same.
   */
  static <M extends Model> SufficientStats throughJson(Family<M> family, SufficientStats stats, M theta)
      throws Exception {
    String text = JSON.writeValueAsString(written(stats));
    SufficientStats back = family.readStatistics(JSON.readTree(text), theta);
    assertThat(JSON.writeValueAsString(written(back))).isEqualTo(text);
    return back;
  }

  private static JsonNode written(SufficientStats stats) {
    ObjectNode node = JSON.createObjectNode();
    stats.writeJson(node);
    return node;
  }

  @SuppressWarnings("unchecked")
  private M cast(Object theta) {
    return (M) theta;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
