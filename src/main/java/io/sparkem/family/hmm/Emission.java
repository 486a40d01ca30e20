package io.sparkem.family.hmm;

import io.sparkem.core.UserError;
import java.util.Arrays;
import java.util.Locale;

/**
 * The emission distributions an HMM state may have ({@code --emission}); each is a mixture family
 * whose statistics and M-step the HMM reuses: the registry entry of that family declares which
 * emission it serves as ({@code io.sparkem.registry.Families#forEmission}). Categorical is the
 * multinomial family on one-hot rows (one symbol per record): log f_j(x) = log p_j,symbol.
 */
public enum Emission {
  GAUSSIAN, CATEGORICAL, POISSON, BERNOULLI;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The command-line name, so that picocli converts the flag's text to this constant itself. */
  @Override
  public String toString() {
    return cliName();
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
}
