package io.sparkem.core;

import java.util.Arrays;
import java.util.Locale;

/** {@code --missing}: what a missing feature cell (empty, null or NaN) means. */
public enum MissingValues {
  /** A missing cell is bad input (exit 2, naming it): the behaviour without the flag. */
  FAIL,
  /**
   * A missing cell is missing at random and is integrated out of the likelihood (Ghahramani &amp;
   * Jordan 1994); gaussian only.
   */
  MARGINALIZE;

  /** The name on the command line and in model.json. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The command-line name, so that picocli converts the flag's text to this constant itself. */
  @Override
  public String toString() {
    return cliName();
  }

  public static MissingValues parse(String name) {
    for (MissingValues m : values()) {
      if (m.cliName().equals(name)) {
        return m;
      }
    }
    throw new UserError("--missing " + name + ": expected one of "
        + Arrays.stream(values()).map(MissingValues::cliName).toList());
  }
}
