package io.sparkem.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkem.it.Launcher;
import io.sparkem.testing.Cli;
import io.sparkem.testing.SparkTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files: random mutations of valid CSV and JSON-lines inputs (truncated lines and files,
 * wrong delimiters, binary garbage, huge and tiny numbers, odd number syntax, wrong JSON types,
 * empty and header-only files among good ones, CRLF, BOM, stray quotes). Every case must end with
 * exit 0 and a valid model.json, or exit 2 with exactly one error line and no output — never a
 * stack trace, an internal error (exit 1), a hang or a partial output. Runs in-process through
 * {@code Main.run}; the seed makes every case reproducible.
 *
 * <p>A second run of cases puts hostile files around the input and the output: empty CSV files
 * alone or among good ones, a file that no longer matches its Hadoop checksum file, and outputs
 * that are, hold or lie inside the input, or that this tool did not write, with and without
 * {@code --overwrite}. Each must end in exit 2 with one line, and every byte of the case's files
 * must be as it was.
 *
 * <p>Longer than 300 lines: both fuzzers build their cases from the same valid-file generator and
 * run in the same session; apart they would repeat it.
 */
class FuzzInputTest {

  private static final long SEED = 20261123L;
  private static final int CASES_PER_FORMAT = 40;
  private static final String[] ODD_NUMBERS = {"1e308", "-1e308", "1e309", "-1e400", "1e-400", "4.9e-324",
      "1.7976931348623157e308", "9".repeat(400), "0x1p3", "1_000", "+.5e-3", "-0", "1d", "1.5f", "١٢",
      "Infinity", "nan", "", " ", "1e", "--1", "1.2.3", "1,5"};

  @TempDir Path dir;

  @Test
  void mutatedInputsExitZeroOrTwoAndNeverLeaveAPartialOutput() throws Exception {
    SplittableRandom rng = new SplittableRandom(SEED);
    List<String> failures = new ArrayList<>();
    int[] codes = new int[3];
    long t0 = System.nanoTime();
    for (int c = 0; c < 2 * CASES_PER_FORMAT; c++) {
      boolean json = c >= CASES_PER_FORMAT;
      Path caseDir = dir.resolve("case-" + c);
      List<String> applied = new ArrayList<>();
      Path in = makeInput(caseDir.resolve("in"), json, rng.split(), applied);
      boolean skip = rng.nextInt(4) == 0;
      Path out = caseDir.resolve("out");
      List<String> args = new ArrayList<>(List.of("fit", "--input", in.toString(), "--output", out.toString(),
          "--k", "2", "--max-iter", "5", "--format", json ? "json" : "csv"));
      if (skip) {
        args.addAll(List.of("--on-bad-record", "skip"));
      }
      String what = "case " + c + " (" + (json ? "json" : "csv") + (skip ? ", skip" : "") + ": "
          + String.join(", ", applied) + ")";
      AtomicReference<Cli.Run> result = new AtomicReference<>();
      try {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120),
            () -> result.set(Cli.run(args.toArray(String[]::new))), what + " hung");
      } catch (AssertionError e) {
        failures.add(e.getMessage());
        continue;
      }
      Cli.Run run = result.get();
      String problem = judge(run, out, caseDir);
      if (run.code() >= 0 && run.code() < 3) {
        codes[run.code()]++;
      }
      if (problem != null) {
        failures.add(what + ": " + problem + "\n" + run.err().lines().filter(l -> !l.contains(" INFO "))
            .limit(12).reduce("", (a, b) -> a + "    " + b + "\n"));
      }
    }
    System.out.printf("FuzzInputTest: %d cases (seed %d) in %.1f s: %d exit 0, %d exit 2, %d exit 1, %d failures%n",
        2 * CASES_PER_FORMAT, SEED, (System.nanoTime() - t0) / 1e9, codes[0], codes[2], codes[1], failures.size());
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  private static final int HOSTILE_CASES = 27;

  @Test
  void hostileFilesAndOutputsAreRefusedAndChangeNothing() throws Exception {
    SplittableRandom rng = new SplittableRandom(SEED + 1);
    List<String> failures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < HOSTILE_CASES; c++) {
      Path caseDir = dir.resolve("hostile-" + c);
      Path in = caseDir.resolve("in");
      Files.createDirectories(in);
      for (int f = 0; f < 1 + rng.nextInt(3); f++) {
        Files.writeString(in.resolve("part" + f + ".csv"), valid(false, 30 + rng.nextInt(40), rng));
      }
      Path input = in;
      Path out = caseDir.resolve("out");
      String what;
      int kind = c % 9;
      switch (kind) {
        case 0 -> {
          input = Files.write(caseDir.resolve("empty.csv"), new byte[0]);
          what = "an empty CSV file alone";
        }
        case 1 -> {
          String name = (rng.nextBoolean() ? "a" : "z") + "-empty.csv";
          Files.write(in.resolve(name), new byte[0]);
          what = "an empty CSV file among good ones (" + name + ")";
        }
        case 2 -> {
          checksummed(in.resolve("checked.csv"), valid(false, 40, rng));
          what = "a file that no longer matches its .crc";
        }
        case 3 -> {
          input = in.resolve("part0.csv");
          out = input;
          what = "the output is the input file";
        }
        case 4 -> {
          out = in;
          what = "the output is the input directory";
        }
        case 5 -> {
          out = caseDir;
          what = "the output holds the input";
        }
        case 6 -> {
          out = in.resolve("model");
          what = "the output lies inside the input directory";
        }
        case 7 -> {
          Files.writeString(Files.createDirectories(out).resolve("notes.txt"), "keep me");
          what = "the output is a directory spark-em did not write";
        }
        default -> {
          Files.writeString(out, "keep me");
          what = "the output is a file";
        }
      }
      boolean overwrite = kind >= 3 || rng.nextBoolean();
      List<String> args = new ArrayList<>(List.of("fit", "--input", input.toString(), "--output", out.toString(),
          "--k", "2", "--max-iter", "3"));
      if (overwrite) {
        args.add("--overwrite");
      }
      Map<Path, byte[]> before = snapshot(caseDir);
      Cli.Run run = Cli.run(args.toArray(String[]::new));
      String problem = refusedCleanly(run, caseDir, before);
      if (problem != null) {
        failures.add("case " + c + " (" + what + (overwrite ? ", --overwrite" : "") + "): " + problem + "\n    "
            + run.err().strip());
      }
    }
    System.out.printf("FuzzInputTest: %d hostile file and output cases in %.1f s, %d failures%n", HOSTILE_CASES,
        (System.nanoTime() - t0) / 1e9, failures.size());
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  /** Null when the run was refused with one line and left every file as it was. */
  private static String refusedCleanly(Cli.Run run, Path caseDir, Map<Path, byte[]> before) throws IOException {
    if (run.code() != 2) {
      return "exit " + run.code() + " instead of 2";
    }
    if (run.err().contains("\tat ") || run.err().lines().count() != 1
        || !run.err().startsWith("em fit: error: ")) {
      return "not exactly one error line";
    }
    Map<Path, byte[]> after = snapshot(caseDir);
    if (!after.keySet().equals(before.keySet())) {
      return "files changed: before " + before.keySet() + ", after " + after.keySet();
    }
    for (Map.Entry<Path, byte[]> e : before.entrySet()) {
      if (!Arrays.equals(e.getValue(), after.get(e.getKey()))) {
        return e.getKey() + " was modified";
      }
    }
    return null;
  }

  /** Every file below {@code root} (hidden ones too) with its bytes. */
  private static Map<Path, byte[]> snapshot(Path root) throws IOException {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p), Files.readAllBytes(p));
      }
    }
    return files;
  }

  /** Writes {@code text} through Hadoop's local file system (with .NAME.crc), then changes one byte. */
  private static void checksummed(Path file, String text) throws IOException {
    FileSystem local = FileSystem.getLocal(SparkTest.spark().sparkContext().hadoopConfiguration());
    try (OutputStream out = local.create(new org.apache.hadoop.fs.Path(file.toString()))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(file);
    int at = bytes.length / 2;
    bytes[at] = (byte) (bytes[at] == '1' ? '2' : '1');
    Files.write(file, bytes);
  }

  /** Null when the run kept the contract, else what it broke. */
  private static String judge(Cli.Run run, Path out, Path caseDir) throws IOException, InterruptedException {
    if (run.err().contains("\tat ") || run.err().contains("internal error")) {
      return "stack trace or internal error (exit " + run.code() + ")";
    }
    try (var left = Files.list(caseDir)) {
      if (left.anyMatch(p -> p.getFileName().toString().startsWith(".out"))) {
        return "a temporary output directory was left behind";
      }
    }
    if (run.code() == 2) {
      long errors = run.err().lines().filter(l -> l.startsWith("em fit: error:")).count();
      if (errors != 1) {
        return errors + " error lines";
      }
      return Files.exists(out) ? "exit 2 but the output exists" : null;
    }
    if (run.code() != 0) {
      return "exit " + run.code();
    }
    Path model = out.resolve("model.json");
    if (!Files.exists(model)) {
      return "exit 0 without model.json";
    }
    String text = Files.readString(model);
    if (text.contains("NaN") || text.contains("Infinity")) {
      return "model.json holds NaN or Infinity";
    }
    Launcher.Result check = Launcher.checkModel(model);
    return check.code() == 0 ? null : "check-model.py: " + check.out();
  }

  /** Two or three valid files, one of them mutated, sometimes an empty or header-only one beside. */
  private static Path makeInput(Path in, boolean json, SplittableRandom rng, List<String> applied)
      throws IOException {
    Files.createDirectories(in);
    String ext = json ? ".json" : ".csv";
    int files = 2 + rng.nextInt(2);
    int victim = rng.nextInt(files);
    for (int f = 0; f < files; f++) {
      byte[] bytes = valid(json, 40 + rng.nextInt(80), rng).getBytes(StandardCharsets.UTF_8);
      if (f == victim) {
        int n = 1 + rng.nextInt(3);
        for (int m = 0; m < n; m++) {
          bytes = mutate(bytes, json, rng, applied);
        }
      }
      Files.write(in.resolve("part" + f + ext), bytes);
    }
    switch (rng.nextInt(4)) {
      case 0 -> {
        Files.write(in.resolve("empty" + ext), new byte[0]);
        applied.add("empty file beside");
      }
      case 1 -> {
        Files.writeString(in.resolve("header-only" + ext), json ? "\n" : "x,y,z\n");
        applied.add("header-only file beside");
      }
      default -> { }
    }
    return in;
  }

  private static String valid(boolean json, int rows, SplittableRandom rng) {
    StringBuilder sb = new StringBuilder(json ? "" : "x,y,z\n");
    for (int r = 0; r < rows; r++) {
      double c = r % 2 == 0 ? 0 : 8;
      double x = c + rng.nextGaussian();
      double y = c + rng.nextGaussian();
      double z = rng.nextGaussian();
      sb.append(json ? String.format(Locale.ROOT, "{\"x\": %s, \"y\": %s, \"z\": %s}\n", x, y, z)
          : x + "," + y + "," + z + "\n");
    }
    return sb.toString();
  }

  private static byte[] mutate(byte[] bytes, boolean json, SplittableRandom rng, List<String> applied) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int line = lines.size() <= 1 ? 0 : rng.nextInt(lines.size() - 1);
    int kind = rng.nextInt(json ? 13 : 12);
    String l = lines.get(line);
    switch (kind) {
      case 0 -> { // truncated line
        lines.set(line, l.substring(0, rng.nextInt(l.length() + 1)));
        applied.add("truncated line " + line);
      }
      case 1 -> { // wrong delimiter on one line or all
        String d = new String[] {";", "\t", " ", "|"}[rng.nextInt(4)];
        if (rng.nextBoolean()) {
          lines.set(line, l.replace(",", d));
          applied.add("delimiter '" + d + "' on line " + line);
        } else {
          lines.replaceAll(s -> s.replace(",", d));
          applied.add("delimiter '" + d + "' everywhere");
        }
      }
      case 2 -> { // binary garbage inserted
        byte[] garbage = new byte[1 + rng.nextInt(60)];
        for (int i = 0; i < garbage.length; i++) {
          garbage[i] = (byte) rng.nextInt(256);
        }
        int at = rng.nextInt(bytes.length + 1);
        byte[] outBytes = new byte[bytes.length + garbage.length];
        System.arraycopy(bytes, 0, outBytes, 0, at);
        System.arraycopy(garbage, 0, outBytes, at, garbage.length);
        System.arraycopy(bytes, at, outBytes, at + garbage.length, bytes.length - at);
        applied.add(garbage.length + " garbage bytes at " + at);
        return outBytes;
      }
      case 3 -> { // a huge, tiny or oddly written number
        String v = ODD_NUMBERS[rng.nextInt(ODD_NUMBERS.length)];
        lines.set(line, replaceValue(l, v, json, rng));
        applied.add("value '" + (v.length() > 12 ? v.substring(0, 12) + "…" : v) + "' on line " + line);
      }
      case 4 -> { // file cut at a random byte
        applied.add("file truncated");
        return Arrays.copyOf(bytes, rng.nextInt(bytes.length + 1));
      }
      case 5 -> {
        lines.remove(0);
        applied.add("first line removed");
      }
      case 6 -> {
        for (int i = 0; i < 1 + rng.nextInt(5); i++) {
          lines.add(1 + rng.nextInt(lines.size() - 1), "");
        }
        applied.add("blank lines");
      }
      case 7 -> {
        applied.add("CRLF");
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
      }
      case 8 -> {
        applied.add("BOM");
        return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
      }
      case 9 -> {
        lines.set(line, l.substring(0, l.length() / 2) + "\"" + l.substring(l.length() / 2));
        applied.add("stray quote on line " + line);
      }
      case 10 -> { // duplicated lines
        String dup = lines.get(line);
        for (int i = 0; i < 1 + rng.nextInt(50); i++) {
          lines.add(line, dup);
        }
        applied.add("duplicated line " + line);
      }
      case 11 -> {
        lines.set(line, l + (json ? ", \"extra\": 1" : ",9,9"));
        applied.add("extra values on line " + line);
      }
      default -> { // JSON: a value of the wrong type
        String v = new String[] {"\"abc\"", "null", "[1, 2]", "{\"a\": 1}", "true", "\"1.5\""}[rng.nextInt(6)];
        lines.set(line, replaceValue(l, v, true, rng));
        applied.add("json value " + v + " on line " + line);
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** The line with one of its numbers replaced by {@code v}. */
  private static String replaceValue(String line, String v, boolean json, SplittableRandom rng) {
    if (json) {
      String key = new String[] {"\"x\": ", "\"y\": ", "\"z\": "}[rng.nextInt(3)];
      int at = line.indexOf(key);
      if (at < 0) {
        return line;
      }
      int start = at + key.length();
      int end = start;
      while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != '}') {
        end++;
      }
      return line.substring(0, start) + v + line.substring(end);
    }
    String[] cells = line.split(",", -1);
    cells[rng.nextInt(cells.length)] = v;
    return String.join(",", cells);
  }
}
