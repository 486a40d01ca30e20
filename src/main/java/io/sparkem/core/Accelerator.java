package io.sparkem.core;

import java.util.Arrays;
import java.util.Locale;

/** {@code --accelerate}: how the passes of a fit are chained ({@link StepRule}). */
public enum Accelerator {
  /** Plain EM: θ_{t+1} = M(θ_t). */
  NONE,
  /** SQUAREM (Varadhan &amp; Roland 2008), see {@link Squarem}. */
  SQUAREM;

  /** The name on the command line and in model.json. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The command-line name, so that picocli converts the flag's text to this constant itself. */
  @Override
  public String toString() {
    return cliName();
  }

  /** A fresh rule for one fit of {@code family}; SQUAREM needs the family's {@link ParameterMap}. */
  public <M extends Model> StepRule<M> rule(Family<M> family) {
    return switch (this) {
      case NONE -> StepRule.plain();
      case SQUAREM -> new Squarem<>(family, family.parameterMap().orElseThrow(() -> new UserError(
          "--accelerate squarem needs a parameter map, which --family " + family.name()
              + " does not have; use --accelerate none")));
    };
  }

  public static Accelerator parse(String name) {
    for (Accelerator a : values()) {
      if (a.cliName().equals(name)) {
        return a;
      }
    }
    throw new UserError("--accelerate " + name + ": expected one of "
        + Arrays.stream(values()).map(Accelerator::cliName).toList());
  }
}
