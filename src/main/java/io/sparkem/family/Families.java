package io.sparkem.family;

import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.UserError;
import io.sparkem.family.bernoulli.BernoulliFamily;
import io.sparkem.family.binomial.BinomialFamily;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.kmeans.KMeansFamily;
import io.sparkem.family.multinomial.MultinomialFamily;
import io.sparkem.family.poisson.PoissonFamily;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The registry of families by command-line name: adding a family adds one line here. */
public final class Families {

  private static final Map<String, Function<FamilyOptions, Family<?>>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("gaussian", GaussianFamily::of);
    BY_NAME.put("bernoulli", BernoulliFamily::of);
    BY_NAME.put("binomial", BinomialFamily::of);
    BY_NAME.put("poisson", PoissonFamily::of);
    BY_NAME.put("multinomial", MultinomialFamily::of);
    BY_NAME.put("kmeans", KMeansFamily::of);
  }

  private Families() {}

  /** The family called {@code name}, configured by {@code options}. */
  public static Family<?> get(String name, FamilyOptions options) {
    Function<FamilyOptions, Family<?>> factory = BY_NAME.get(name);
    if (factory == null) {
      throw new UserError("--family " + name + " is not available; expected one of " + BY_NAME.keySet());
    }
    return factory.apply(options);
  }

  public static Iterable<String> names() {
    return BY_NAME.keySet();
  }
}
