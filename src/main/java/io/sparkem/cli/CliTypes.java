package io.sparkem.cli;

import io.sparkem.fit.Init;
import io.sparkem.registry.Families;
import io.sparkem.registry.FamilyEntry;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converters of the option types that are not enums (picocli converts those itself,
 * by their command-line names): a family through the registry, {@code --init} through
 * {@link Init#parse}. Families list themselves for help texts from the registry too.
 */
final class CliTypes {

  private CliTypes() {}

  /** {@code --family NAME}: the registry's entry. */
  static final class FamilyConverter implements ITypeConverter<FamilyEntry> {
    @Override
    public FamilyEntry convert(String value) {
      return Families.find(value).orElseThrow(() -> new TypeConversionException("expected one of "
          + String.join(", ", Families.names())));
    }
  }

  /** The registered families' names, for {@code ${COMPLETION-CANDIDATES}} in help texts. */
  static final class FamilyNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Families.names().iterator();
    }
  }

  /** {@code --init kmeans++ | random | model:PATH}. */
  static final class InitConverter implements ITypeConverter<Init> {
    @Override
    public Init convert(String value) {
      try {
        return Init.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
