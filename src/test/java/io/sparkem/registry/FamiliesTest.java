package io.sparkem.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.Generative;
import io.sparkem.core.MissingValues;
import io.sparkem.core.Model;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.hmm.Emission;
import io.sparkem.family.hmm.HmmFamily;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The registry: every family of the interface under its name, and each declaration true of the
 * family it builds — checked against the family's behaviour, not against another list.
 */
class FamiliesTest {

  @Test
  void everyFamilyOfTheInterfaceIsRegisteredUnderItsName() {
    assertThat(Families.names())
        .startsWith("gaussian", "bernoulli", "binomial", "poisson", "multinomial", "kmeans", "hmm");
    for (FamilyEntry e : Families.entries()) {
      assertThat(e.create(FamilySettings.defaults()).name()).isEqualTo(e.name());
    }
    assertThat(Families.names(Capability.UPDATE))
        .startsWith("gaussian", "bernoulli", "binomial", "poisson", "multinomial", "kmeans").doesNotContain("hmm");
    assertThat(Families.find("hmm2")).isEmpty();
    assertThatThrownBy(() -> Families.create("hmm2", FamilySettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gaussian");
  }

  @Test
  void everyCovarianceTypeIsAvailable() {
    for (CovarianceType type : CovarianceType.values()) {
      GaussianFamily family = (GaussianFamily) Families.create("gaussian", FamilySettings.defaults().withCovariance(type));
      assertThat(family.shape().type()).isEqualTo(type);
    }
  }

  @Test
  void everyEmissionIsServedByTheFamilyThatDeclaresIt() {
    for (Emission e : Emission.values()) {
      HmmFamily<?> hmm = (HmmFamily<?>) Families.create("hmm", FamilySettings.defaults().withEmission(e));
      assertThat(hmm.emissionKind()).isEqualTo(e);
      assertThat(hmm.emissionFamily().name()).isEqualTo(Families.forEmission(e).name());
      assertThat(hmm.readsSymbols()).isEqualTo(e == Emission.CATEGORICAL);
    }
    assertThat(Families.forEmission(Emission.CATEGORICAL).name()).isEqualTo("multinomial");
  }

  /** Each declaration against what the family does. */
  @Test
  void declarationsAreTrueOfTheFamilies() {
    for (FamilyEntry e : Families.entries()) {
      Family<?> family = e.create(FamilySettings.defaults());
      assertThat(family.generator().isPresent()).as(e + " GENERATE").isEqualTo(e.supports(Capability.GENERATE));
      // A family that reads trials or a label has one block column more than its features.
      assertThat(family.blockWidth(1) > 1).as(e + " TRIALS or LABEL")
          .isEqualTo(e.needs(RecordColumn.TRIALS) || e.needs(RecordColumn.LABEL));
      // The estimator's records are one vector, with a label column where the family needs one: no
      // trials, no grouping.
      assertThat(e.supports(Capability.SPARK_ML)).as(e + " SPARK_ML")
          .isEqualTo(!e.needs(RecordColumn.TRIALS) && !e.needs(RecordColumn.SEQUENCE));
      // (Where it is not declared, the fit service refuses the option before a family sees it.)
      if (e.supports(Capability.MISSING_VALUES)) {
        Family<?> marginalizing = e.create(new FamilySettings(null, null,
            FamilyOptions.defaults().withMissing(MissingValues.MARGINALIZE)));
        assertThat(marginalizing.recordCheck().allowsMissing()).as(e + " MISSING_VALUES").isTrue();
      }
      assertThat(e.supports(Capability.MINI_BATCH)).as(e + " MINI_BATCH")
          .isEqualTo(!e.needs(RecordColumn.SEQUENCE));
      if (family.generator().isPresent()) {
        assertThat(hasLikelihood(family)).as(e + " LIKELIHOOD").isEqualTo(e.supports(Capability.LIKELIHOOD));
      }
      // update blends statistics of independent records, read back from model.json.
      if (e.supports(Capability.UPDATE)) {
        assertThat(e.needs(RecordColumn.SEQUENCE)).as(e + " UPDATE of sequences").isFalse();
        // A family reading trials counts one feature per record: the successes beside the trials.
        int dimension = e.needs(RecordColumn.TRIALS) ? 1 : 2;
        assertThat(statisticsReadBack(family, dimension)).as(e + " UPDATE: statistics read back").isTrue();
      }
    }
  }

  /** Whether the statistics of a pass over generated records, written as JSON, read back to the same JSON. */
  private static <M extends Model> boolean statisticsReadBack(Family<M> family, int dimension) {
    Generative<M> gen = family.generator().orElseThrow();
    M truth = gen.randomTruth(2, dimension, new SplittableRandom(5));
    SufficientStats stats = pass(family, truth, new SplittableRandom(6));
    com.fasterxml.jackson.databind.node.ObjectNode written = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    stats.writeJson(written);
    com.fasterxml.jackson.databind.node.ObjectNode again = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    family.readStatistics(written, truth).writeJson(again);
    return again.equals(written) && stats.totalWeight() == 20;
  }

  /** Whether the statistics of a pass over records drawn from a random θ carry a likelihood rather than a cost. */
  private static <M extends Model> boolean hasLikelihood(Family<M> family) {
    SufficientStats stats = pass(family, family.generator().orElseThrow().randomTruth(2, 1, new SplittableRandom(3)),
        new SplittableRandom(4));
    return stats.cost().isEmpty() && Double.isFinite(stats.logLikelihood());
  }

  /** The statistics of one pass under {@code truth} over 20 records drawn from it. */
  private static <M extends Model> SufficientStats pass(Family<M> family, M truth, SplittableRandom rng) {
    Generative.Sampler sampler = family.generator().orElseThrow().sampler(truth);
    int n = 20;
    double[] x = new double[n * sampler.width()];
    double[] w = new double[n];
    double[] row = new double[sampler.width()];
    for (int i = 0; i < n; i++) {
      sampler.draw(i % 2, rng, row);
      System.arraycopy(row, 0, x, i * row.length, row.length);
      w[i] = 1;
    }
    EStep step = family.eStep(truth);
    SufficientStats stats = step.zero();
    step.accumulate(new Block(n, sampler.width(), x, w), stats);
    return stats;
  }

  @Test
  void aNameIsRegisteredOnce() {
    FamilyEntry again = new FamilyEntry("gaussian", "again", Set.of(), Set.of(), null,
        s -> Families.create("gaussian", s));
    assertThatThrownBy(() -> Families.register(again)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> new FamilyEntry("Bad Name", "", Set.of(), Set.of(), null, s -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
