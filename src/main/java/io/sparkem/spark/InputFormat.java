package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.util.Arrays;
import java.util.Locale;

/** The input formats {@code --format} accepts, read through Spark's own readers. */
public enum InputFormat {
  CSV, PARQUET, JSON, LIBSVM;

  public static InputFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--format " + name + " is not supported; expected one of "
          + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
    }
  }

  /** What a position in a file of this format is called in error messages. */
  String rowNoun() {
    return this == CSV || this == LIBSVM ? "row" : "record";
  }
}
