package io.sparkem.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * The last lines of {@code --help}: where the documentation of the command is, relative to the
 * project's root (the docs ship with the sources). {@code CliDocsTest} checks that every command has
 * one and that the files and anchors exist.
 */
final class HelpFooter {

  private static final String OPTIONS = "docs/cli.md#options";

  /** The page of each command: the root, then the subcommands by name. */
  static final Map<String, String> PAGES = Map.of(
      "em", "README.md",
      "fit", "docs/cli.md#fit",
      "select", "docs/cli.md#select",
      "predict", "docs/pipeline.md#predict",
      "score", "docs/pipeline.md#score",
      "update", "docs/pipeline.md#update",
      "generate", "docs/cli.md#generate",
      "demo", "README.md#two-commands");

  private HelpFooter() {}

  /** Sets the footer of {@code root} and of each of its subcommands: one page a line (no wrapping). */
  static void install(CommandLine root) {
    footer(root, "%nDocumentation: " + PAGES.get("em") + "%nEvery command and option: " + OPTIONS
        + "%nModel families: docs/families.md, docs/hmm.md");
    root.getSubcommands().forEach((name, sub) -> {
      String page = PAGES.get(name);
      if (page == null) {
        throw new IllegalStateException("no documentation page for command '" + name + "' in HelpFooter");
      }
      footer(sub, "%nDocumentation: " + page + "%nEvery option: " + OPTIONS
          + ("fit".equals(name) || "select".equals(name) ? "%nModel families: docs/families.md, docs/hmm.md" : ""));
    });
  }

  private static void footer(CommandLine command, String text) {
    command.getCommandSpec().usageMessage().footer(text);
  }
}
