package io.sparkem.registry;

import io.sparkem.core.Family;
import io.sparkem.family.hmm.Emission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * A family's declaration in the registry: its name, a one-line summary for help texts, what its
 * records need besides the features, what it supports, which HMM emission it can serve as, and how
 * to build it from typed settings. Front ends and the fit service read this instead of lists of
 * names and string checks.
 *
 * @param name     the name on the command line and in model.json's {@code family}
 * @param summary  one line for {@code --help} and the documentation, e.g. "Poisson mixture of count vectors"
 * @param needs    the record columns it needs besides the features
 * @param supports what it can do beyond the one EM loop
 * @param emission the HMM emission it serves as, or null
 * @param factory  the family for given settings
 */
public record FamilyEntry(String name, String summary, Set<RecordColumn> needs, Set<Capability> supports,
    Emission emission, Function<FamilySettings, Family<?>> factory) {

  public FamilyEntry {
    if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("a family name is lower-case letters, digits and '-', got '" + name + "'");
    }
    needs = needs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(needs));
    supports = supports.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(supports));
  }

  /** The family for {@code settings}. */
  public Family<?> create(FamilySettings settings) {
    return factory.apply(settings);
  }

  public boolean needs(RecordColumn column) {
    return needs.contains(column);
  }

  public boolean supports(Capability capability) {
    return supports.contains(capability);
  }

  /** The name, as help texts and messages print it. */
  @Override
  public String toString() {
    return name;
  }
}
