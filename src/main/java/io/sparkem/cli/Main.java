package io.sparkem.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sparkem.core.UserError;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code submit/em} and of the thin jar under {@code spark-submit}.
 *
 * <p>Exit codes (the interface contract): 0 done; 2 the user's fault — a bad flag, unreadable or
 * malformed input, an existing output without {@code --overwrite} — reported as one line on stderr
 * that names the file, row or column and the remedy; 1 anything else ({@link Failures}); 130 and
 * 143 interrupted by SIGINT and SIGTERM ({@link Interrupts}).
 */
@Command(name = "em", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Expectation-Maximisation for latent-variable models on Apache Spark.",
    subcommands = {FitCommand.class, PredictCommand.class, ScoreCommand.class, UpdateCommand.class,
        SelectCommand.class, GenerateCommand.class, DemoCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    Interrupts.install();
    DeferredLogs.install();
    int code = run(args);
    Interrupts.finished();
    DeferredLogs.release(code);
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    StderrFilter.drain(System.err);
    System.exit(code);
  }

  /** Runs one command in this JVM and returns its exit code (tests call this). */
  public static int run(String... args) {
    if (args.length > 0) {
      Interrupts.running(args[0]);
    }
    CommandLine cli = commandLine();
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd));
    cli.setParameterExceptionHandler((e, args2) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("em " + e.getCommandLine().getCommandName() + ": " + parameterMessage(e)
          + " (see 'submit/em " + e.getCommandLine().getCommandName() + " --help')");
      err.flush();
      return 2;
    });
    String config = ConfigFile.path(args);
    if (config != null) {
      CommandLine command = args.length > 0 ? cli.getSubcommands().get(args[0]) : null;
      if (command == null) {
        cli.getErr().println("em: --config goes after the command: submit/em fit --config FILE ...");
        cli.getErr().flush();
        return 2;
      }
      try {
        command.setDefaultValueProvider(ConfigFile.read(config, command.getCommandSpec(),
            ConfigFile.optionNames(cli)));
      } catch (UserError e) {
        cli.getErr().println("em " + args[0] + ": error: " + Failures.oneLine(e.getMessage()));
        cli.getErr().flush();
        return 2;
      }
    }
    try {
      return cli.execute(args);
    } catch (VirtualMachineError e) { // picocli hands on Errors thrown by a command (out of memory)
      return Failures.report(e, args.length > 0 ? args[0] : "em", cli.getErr());
    }
  }

  /**
   * The commands, their options and their help as picocli models them, with the footer that points
   * to each command's documentation; {@link #run} executes this, and the documentation's tests
   * compare docs/cli.md with it.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    HelpFooter.install(cli);
    return cli;
  }

  /**
   * A bad option value as "--accelerate warp: expected one of none, squarem": the flag and value
   * as typed, then the choices by their command-line names (picocli's own text lists enum
   * constants twice, by Java name and by command-line name).
   */
  private static String parameterMessage(CommandLine.ParameterException e) {
    if (!(e.getCause() instanceof CommandLine.TypeConversionException conversion)
        || !(e.getArgSpec() instanceof CommandLine.Model.OptionSpec option)) {
      return e.getMessage();
    }
    Class<?> type = option.isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
    String expected = type.isEnum()
        ? "expected one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
            .map(String::valueOf).toList())
        : conversion.getMessage();
    return option.longestName() + " " + e.getValue() + ": " + expected;
  }

  private static int handle(Exception e, CommandLine cmd) {
    return Failures.report(e, cmd.getCommandName(), cmd.getErr());
  }

  @Override
  public void run() {
    commandLine().usage(System.err);
  }

  /** The last stdout line of a command: one JSON object for schedulers to parse. */
  static void printSummary(Map<String, Object> summary) {
    try {
      System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(summary)
          .replace("\n", ""));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    System.out.flush();
  }

  static String version() {
    return io.sparkem.fit.FitService.version();
  }

  /** {@code --version}: the project's and Spark's versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"spark-em " + version(), "Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
    }
  }
}
