package io.sparkem.cli;

import io.sparkem.testing.ModelContract;
import java.nio.file.Path;

/** The model.json contract checked on a fit's output ({@link ModelContract}: schema and arithmetic). */
public final class ContractCheck {

  private ContractCheck() {}

  public static void assertValid(Path outputDir) {
    ModelContract.assertValid(outputDir);
  }
}
