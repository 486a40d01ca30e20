package io.sparkem.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option as the commands declare it; {@link Main#run} reads the file
 * before parsing (see {@link ConfigFile}), so the field only documents and accepts the flag.
 */
final class ConfigOption {

  @Option(names = "--config", paramLabel = "FILE",
      description = "read options from FILE (name = value per line, names without the dashes; "
          + "see conf/em-defaults.conf); flags on the command line win")
  String config;
}
