package io.sparkem.cli;

import io.sparkem.core.UserError;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options a command cannot run without, but that {@code --config FILE} may supply: declared
 * optional to picocli, so that {@code --help} does not call them required when a config file
 * gives them, and checked here once the command line and the file are both read.
 */
final class RequiredOptions {

  /** What the help shows after each such option's description. */
  static final String NOTE = " (required: on the command line or in --config)";

  private RequiredOptions() {}

  /** Throws a user error naming every option of {@code names} that has no value. */
  static void check(CommandSpec command, String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      OptionSpec option = command.findOption(name);
      if (option == null || option.getValue() == null) {
        missing.add(name + "=" + (option == null ? "<value>" : option.paramLabel()));
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError("missing required option" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + "; give " + (missing.size() > 1 ? "them" : "it") + " on the command line or in --config FILE "
          + "(see 'submit/em " + command.name() + " --help')");
    }
  }
}
