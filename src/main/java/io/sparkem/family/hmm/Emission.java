package io.sparkem.family.hmm;

import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.UserError;
import io.sparkem.family.bernoulli.BernoulliFamily;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.multinomial.MultinomialFamily;
import io.sparkem.family.poisson.PoissonFamily;
import java.util.Arrays;
import java.util.Locale;

/**
 * The emission distributions an HMM state may have ({@code --emission}); each is a mixture family
 * whose statistics and M-step the HMM reuses. Categorical is the multinomial family on one-hot
 * rows (one symbol per record): log f_j(x) = log p_j,symbol.
 */
public enum Emission {
  GAUSSIAN, CATEGORICAL, POISSON, BERNOULLI;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Emission parse(String name) {
    for (Emission e : values()) {
      if (e.cliName().equals(name)) {
        return e;
      }
    }
    throw new UserError("--emission " + name + " is not available; expected one of "
        + Arrays.stream(values()).map(Emission::cliName).toList());
  }

  /** The mixture family that supplies this emission's E-step densities, statistics and M-step. */
  Family<?> family(FamilyOptions options) {
    return switch (this) {
      case GAUSSIAN -> GaussianFamily.of(options);
      case CATEGORICAL -> MultinomialFamily.of(options);
      case POISSON -> PoissonFamily.of(options);
      case BERNOULLI -> BernoulliFamily.of(options);
    };
  }
}
