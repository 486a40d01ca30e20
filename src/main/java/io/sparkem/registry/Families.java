package io.sparkem.registry;

import static io.sparkem.registry.Capability.COVARIANCE_TYPES;
import static io.sparkem.registry.Capability.GENERATE;
import static io.sparkem.registry.Capability.LIKELIHOOD;
import static io.sparkem.registry.Capability.MINI_BATCH;
import static io.sparkem.registry.Capability.MISSING_VALUES;
import static io.sparkem.registry.Capability.PSEUDO_COUNT;
import static io.sparkem.registry.Capability.SPARK_ML;
import static io.sparkem.registry.Capability.UPDATE;

import io.sparkem.core.Family;
import io.sparkem.family.bernoulli.BernoulliFamily;
import io.sparkem.family.binomial.BinomialFamily;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.hmm.Emission;
import io.sparkem.family.hmm.HmmFamily;
import io.sparkem.family.kmeans.KMeansFamily;
import io.sparkem.family.multinomial.MultinomialFamily;
import io.sparkem.family.poisson.PoissonFamily;
import io.sparkem.family.regression.RegressionFamily;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of families, by command-line name. Adding a family is its own package plus one
 * {@link #register} line below (docs/contributing.md, "Adding a family"); a plug-in or a test may also register
 * one at run time, before the command or estimator that uses it runs.
 */
public final class Families {

  private static final Map<String, FamilyEntry> BY_NAME = new LinkedHashMap<>();

  static {
    register(new FamilyEntry("gaussian", "Gaussian mixture (--covariance full | diag | tied | spherical)",
        Set.of(), EnumSet.of(LIKELIHOOD, COVARIANCE_TYPES, MISSING_VALUES, MINI_BATCH, SPARK_ML, GENERATE, UPDATE),
        Emission.GAUSSIAN, s -> GaussianFamily.of(s.covariance(), s.options())));
    register(new FamilyEntry("bernoulli", "Bernoulli mixture of 0/1 vectors",
        Set.of(), EnumSet.of(LIKELIHOOD, MINI_BATCH, SPARK_ML, GENERATE, UPDATE),
        Emission.BERNOULLI, s -> BernoulliFamily.of(s.options())));
    register(new FamilyEntry("binomial", "binomial mixture of success counts (--trials-col or --trials)",
        EnumSet.of(RecordColumn.TRIALS), EnumSet.of(LIKELIHOOD, MINI_BATCH, GENERATE, UPDATE),
        null, s -> BinomialFamily.of(s.options())));
    register(new FamilyEntry("poisson", "Poisson mixture of count vectors",
        Set.of(), EnumSet.of(LIKELIHOOD, MINI_BATCH, SPARK_ML, GENERATE, UPDATE),
        Emission.POISSON, s -> PoissonFamily.of(s.options())));
    register(new FamilyEntry("multinomial", "multinomial mixture of count vectors (--pseudo-count)",
        Set.of(), EnumSet.of(LIKELIHOOD, PSEUDO_COUNT, MINI_BATCH, SPARK_ML, GENERATE, UPDATE),
        Emission.CATEGORICAL, s -> MultinomialFamily.of(s.options())));
    register(new FamilyEntry("kmeans", "k-means as hard EM (a cost, no likelihood)",
        Set.of(), EnumSet.of(MINI_BATCH, SPARK_ML, GENERATE, UPDATE),
        null, s -> KMeansFamily.of(s.options())));
    register(new FamilyEntry("hmm", "hidden Markov model of sequences (--emission, --sequence-col, --order-col)",
        EnumSet.of(RecordColumn.SEQUENCE), EnumSet.of(LIKELIHOOD, COVARIANCE_TYPES, PSEUDO_COUNT),
        null, s -> HmmFamily.wrap(s.emission(), forEmission(s.emission()).create(s))));
    register(new FamilyEntry("regression", "mixture of linear regressions of --label-col on the features "
        + "(--no-intercept)", EnumSet.of(RecordColumn.LABEL), EnumSet.of(LIKELIHOOD, MINI_BATCH, SPARK_ML, GENERATE, UPDATE),
        null, s -> RegressionFamily.of(s.options(), s.intercept())));
  }

  private Families() {}

  /**
   * Adds a family under its name, after those registered before it (the order help texts list).
   * A name that is taken is an error: a family is never replaced behind a user's back.
   */
  public static synchronized void register(FamilyEntry entry) {
    if (BY_NAME.containsKey(entry.name())) {
      throw new IllegalArgumentException("a family called '" + entry.name() + "' is already registered");
    }
    BY_NAME.put(entry.name(), entry);
  }

  /** Removes the family called {@code name} (a test's own family, after the test). */
  public static synchronized void unregister(String name) {
    BY_NAME.remove(name);
  }

  /** The entry called {@code name}, if there is one. */
  public static synchronized Optional<FamilyEntry> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every entry, in registration order. */
  public static synchronized List<FamilyEntry> entries() {
    return List.copyOf(BY_NAME.values());
  }

  /** The names of the families that support {@code capability}, in registration order. */
  public static List<String> names(Capability capability) {
    return entries().stream().filter(e -> e.supports(capability)).map(FamilyEntry::name).toList();
  }

  /** Every name, in registration order. */
  public static List<String> names() {
    return entries().stream().map(FamilyEntry::name).toList();
  }

  /** The entry of the mixture family that serves as HMM emission {@code kind}. */
  public static FamilyEntry forEmission(Emission kind) {
    return entries().stream().filter(e -> e.emission() == kind).findFirst().orElseThrow(
        () -> new IllegalStateException("no registered family serves as the '" + kind + "' emission"));
  }

  /** The family called {@code name} built from {@code settings}; an unknown name is an {@link IllegalArgumentException}. */
  public static Family<?> create(String name, FamilySettings settings) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no family called '" + name
        + "'; expected one of " + names())).create(settings);
  }
}
