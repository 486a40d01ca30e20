package io.sparkem.testing;

import io.sparkem.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a submit/em command in this JVM and captures its exit code, stdout and stderr. */
public final class Cli {

  /** What a command did. */
  public record Run(int code, String out, String err) {
    /** The last non-empty stdout line (the summary JSON). */
    public String lastLine() {
      String[] lines = out.strip().split("\\R");
      return lines[lines.length - 1];
    }
  }

  private Cli() {}

  /**
   * Every model.json a command writes in a test keeps the contract ({@link ModelContract}): fit's
   * and select's DIR/model.json, generate's PATH.truth.json (a local --output given on the command line).
   */
  private static void checkContract(String... args) {
    String output = null;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--output")) {
        output = args[i + 1];
      }
    }
    if (args.length == 0 || output == null || output.contains("://")) {
      return;
    }
    java.nio.file.Path file = switch (args[0]) {
      case "fit", "select", "update" -> java.nio.file.Path.of(output, "model.json");
      case "generate" -> java.nio.file.Path.of(output + ".truth.json");
      default -> null;
    };
    if (file != null && java.nio.file.Files.exists(file)) {
      ModelContract.assertValid(file);
    }
  }

  public static Run run(String... args) {
    return run(true, args);
  }

  /**
   * {@link #run}, without checking the model.json it writes against the public contract: for a
   * family that only the tests register, which the contract's schema does not list.
   */
  public static Run runOutsideContract(String... args) {
    return run(false, args);
  }

  private static synchronized Run run(boolean contract, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SparkTest.spark(); // the commands reuse the test session
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      if (code == 0 && contract) {
        checkContract(args);
      }
      return run;
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      oldErr.print(err.toString(StandardCharsets.UTF_8));
    }
  }
}
