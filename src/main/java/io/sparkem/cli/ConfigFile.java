package io.sparkem.cli;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: options read from a file, one {@code name = value} per line, names as on
 * the command line without the dashes ({@code k = 3}, {@code input = data/heights.csv}); {@code #}
 * starts a comment line; an empty value leaves the option at its default. The file supplies
 * defaults, so a flag given on the command line always wins. A name that is no option of any
 * {@code em} command is an error naming the file and line: a typo in a nightly job's config must
 * not be silently ignored. A name that belongs to another command ({@code k} read by
 * {@code select}, which takes {@code k-range}) is skipped with a note on stderr, so that one file can
 * serve a pipeline's fit, select and predict steps.
 *
 * <p>Relative paths in the file ({@code input}, {@code output}, {@code model}, {@code checkpoint-dir},
 * {@code init = model:PATH}) are relative to the file's own directory, so a config means the same
 * thing from whichever directory the scheduler starts the job.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

  private final Map<String, String> values;

  private ConfigFile(Map<String, String> values) {
    this.values = values;
  }

  /** The value for {@code arg} from the file, or null to keep the option's own default. */
  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return values.get(bare(option.longestName()));
    }
    return null;
  }

  /** Options whose values are paths, resolved against the config file's directory. */
  private static final Set<String> PATHS = Set.of("input", "output", "model", "checkpoint-dir");

  /**
   * The file's settings for {@code command}; {@code everyOption} holds the option names of every
   * {@code em} command (without dashes).
   */
  static ConfigFile read(String file, CommandSpec command, Set<String> everyOption) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError("--config " + file + ": no such file; check the path");
    } catch (IOException e) {
      throw new UserError("--config " + file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    Set<String> known = new TreeSet<>();
    for (OptionSpec option : command.options()) {
      known.add(bare(option.longestName()));
    }
    known.removeAll(Set.of("config", "help", "version"));
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String where = file + " line " + (i + 1);
      if (eq <= 0) {
        throw new UserError(where + ": expected 'name = value' (an option of 'em " + command.name()
            + "' without the dashes), got '" + line + "'");
      }
      String name = bare(line.substring(0, eq).strip());
      String value = line.substring(eq + 1).strip();
      if (!known.contains(name)) {
        if (everyOption.contains(name)) {
          if (value.isEmpty()) {
            continue;
          }
          System.err.println("em " + command.name() + ": " + where + ": '" + name + "' is not an option of 'em "
              + command.name() + "'; ignored");
          continue;
        }
        throw new UserError(where + ": '" + name + "' is not an option of 'em " + command.name()
            + "'; known: " + String.join(", ", known));
      }
      if (values.containsKey(name)) {
        throw new UserError(where + ": '" + name + "' is set twice; keep one line");
      }
      if (!value.isEmpty()) {
        values.put(name, resolved(name, value, Path.of(file).toAbsolutePath().getParent()));
      }
    }
    return new ConfigFile(values);
  }

  /** The {@code --config} value among {@code args}, or null. */
  static String path(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--config=")) {
        return args[i].substring("--config=".length());
      }
    }
    return null;
  }

  /** {@code value} with a relative local path made relative to {@code dir}. */
  static String resolved(String name, String value, Path dir) {
    if (name.equals("init") && value.startsWith("model:")) {
      return "model:" + resolved("model", value.substring("model:".length()), dir);
    }
    boolean hasScheme = value.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    if (!PATHS.contains(name) || hasScheme || Path.of(value).isAbsolute()) {
      return value;
    }
    return dir.resolve(value).normalize().toString();
  }

  /** Every option name of {@code root}'s subcommands, without dashes. */
  static Set<String> optionNames(CommandLine root) {
    Set<String> names = new TreeSet<>();
    for (CommandLine sub : root.getSubcommands().values()) {
      for (OptionSpec option : sub.getCommandSpec().options()) {
        names.add(bare(option.longestName()));
      }
    }
    return names;
  }

  private static String bare(String name) {
    return name.replaceFirst("^-+", "");
  }
}
