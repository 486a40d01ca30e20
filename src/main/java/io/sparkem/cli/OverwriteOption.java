package io.sparkem.cli;

/** The help text of {@code --overwrite}, the same for every command that writes an output. */
final class OverwriteOption {

  static final String DESCRIPTION = "replace an existing output that an earlier spark-em run wrote: its files "
      + "are DELETED. Never replaced, even with this flag: a file or non-empty directory spark-em did not "
      + "write, an output that is or holds an input (docs/cli.md, 'What --overwrite may delete')";

  private OverwriteOption() {}
}
