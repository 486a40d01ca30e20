package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What an output path may be, checked before anything is read or deleted. The user's data is
 * never deleted, so the output must not be an input (the data, a model read by {@code predict} or
 * {@code --init model:PATH}), contain one, or lie inside an input directory (the next read of that
 * directory would take the output for data); and an existing path is replaced only when
 * {@code --overwrite} is given and the path is an empty directory or one this tool wrote.
 *
 * <p>A directory this tool wrote holds the marker file {@value #MARKER} (written at commit, beside
 * {@code _SUCCESS}; Spark and Hadoop readers skip names that start with {@code _}). Outputs of
 * {@code fit} and {@code select} from versions before the marker are recognised by their contents:
 * {@code _SUCCESS} and {@code model.json}, and nothing but the files those commands write; those of
 * {@code generate} by their {@code _SUCCESS} and part files with {@code NAME.truth.json} beside them
 * saying {@code "generatedBy": "spark-em generate"}.
 */
final class OutputGuard {

  /** The marker file of a directory this tool wrote. */
  static final String MARKER = "_SPARK_EM";

  /** Every file a fit or select output held before the marker existed. */
  private static final Set<String> LEGACY_FILES = Set.of("_SUCCESS", "model.json", "report.html", "selection.json");

  private OutputGuard() {}

  /**
   * Refuses an output that would destroy or change data the tool did not write.
   *
   * @param target the output, qualified
   * @param inputs every path the command reads (globs allowed)
   */
  static void check(Configuration conf, FileSystem fs, Path target, boolean overwrite, List<String> inputs)
      throws IOException {
    String shown = BadRecordLocator.displayPath(target.toString());
    for (String input : inputs) {
      checkAgainstInput(conf, fs, target, shown, input);
    }
    if (!fs.exists(target)) {
      checkCreatable(fs, target, shown);
      return;
    }
    FileStatus status = fs.getFileStatus(target);
    if (!status.isDirectory()) {
      throw new UserError(shown + ": output is an existing file, which spark-em did not write; it is never "
          + "replaced, not even with --overwrite; choose another --output");
    }
    FileStatus[] children = fs.listStatus(target);
    boolean ours = writtenByUs(children) || generatedByUs(fs, target, children);
    if (children.length > 0 && !ours) {
      throw new UserError(shown + ": output already exists and was not written by spark-em (it has no "
          + MARKER + " marker), so it is never replaced, not even with --overwrite; choose another "
          + "--output, or move that directory away yourself");
    }
    if (!overwrite) {
      throw new UserError(shown + ": output already exists; pass --overwrite to replace it, or choose another --output");
    }
  }

  /** Whether a directory with these entries is an output of this tool (marker, or a legacy fit output). */
  static boolean writtenByUs(FileStatus[] children) {
    boolean success = false;
    boolean model = false;
    boolean onlyKnown = true;
    for (FileStatus c : children) {
      String name = c.getPath().getName();
      if (name.equals(MARKER) && c.isFile()) {
        return true;
      }
      success |= name.equals("_SUCCESS");
      model |= name.equals("model.json");
      String plain = name.startsWith(".") && name.endsWith(".crc") ? name.substring(1, name.length() - 4) : name;
      onlyKnown &= c.isFile() && LEGACY_FILES.contains(plain);
    }
    return success && model && onlyKnown;
  }

  /** A {@code generate} output of the versions before the marker: part files, _SUCCESS, our truth beside. */
  private static boolean generatedByUs(FileSystem fs, Path target, FileStatus[] children) throws IOException {
    boolean success = false;
    for (FileStatus c : children) {
      String name = c.getPath().getName();
      success |= name.equals("_SUCCESS");
      String plain = name.startsWith(".") && name.endsWith(".crc") ? name.substring(1, name.length() - 4) : name;
      if (!c.isFile() || !(plain.equals("_SUCCESS") || plain.matches("part-\\d{5}-.*\\.(csv|parquet)"))) {
        return false;
      }
    }
    Path truth = new Path(target.getParent(), target.getName() + ".truth.json");
    if (!success || !fs.exists(truth)) {
      return false;
    }
    try (var in = fs.open(truth)) {
      return new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8)
          .matches("(?s).*\"generatedBy\"\\s*:\\s*\"spark-em generate\".*");
    }
  }

  /** Refuses a result file ({@link ResultFile}) that is an input, holds one or lies inside an input directory. */
  static void checkAgainstInputs(Configuration conf, FileSystem fs, Path target, List<String> inputs)
      throws IOException {
    String shown = BadRecordLocator.displayPath(target.toString());
    for (String input : inputs) {
      checkAgainstInput(conf, fs, target, shown, input);
    }
  }

  private static void checkAgainstInput(Configuration conf, FileSystem fs, Path target, String shown, String input)
      throws IOException {
    String literal = literalPrefix(input);
    boolean glob = !literal.equals(input);
    Path in = new Path(literal);
    FileSystem inFs = in.getFileSystem(conf);
    in = inFs.makeQualified(in);
    if (!sameFileSystem(fs.getUri(), inFs.getUri())) {
      return;
    }
    Path t = canonical(fs, target);
    Path i = canonical(inFs, in);
    String flagged = BadRecordLocator.displayPath(glob ? input : in.toString());
    if (glob ? matches(inFs, input, t, false) : t.equals(i)) {
      throw new UserError(shown + ": the output is the input " + flagged + "; writing it would destroy the "
          + "input; choose another --output");
    }
    if (isAncestor(t, i) || glob && (t.equals(i) || matches(inFs, input, t, true))) {
      throw new UserError(shown + ": the output contains the input " + flagged + "; replacing it would "
          + "delete the input; choose another --output");
    }
    // A glob names its files; a plain directory is read whole, the output with it next time.
    if (!glob && isAncestor(i, t) && inFs.exists(i) && inFs.getFileStatus(i).isDirectory()) {
      throw new UserError(shown + ": the output lies inside the input directory " + flagged + ", whose "
          + "next read would take it for data; choose an --output outside it");
    }
  }

  /** Whether the glob {@code input} matches {@code target} itself, or (inside) a path below it. */
  private static boolean matches(FileSystem fs, String input, Path target, boolean inside) throws IOException {
    FileStatus[] found = fs.globStatus(new Path(input));
    if (found == null) {
      return false;
    }
    for (FileStatus f : found) {
      Path p = canonical(fs, f.getPath());
      if (inside ? isAncestor(target, p) : p.equals(target)) {
        return true;
      }
    }
    return false;
  }

  /** The nearest existing ancestor must be a directory (a path below a file cannot be created). */
  private static void checkCreatable(FileSystem fs, Path target, String shown) throws IOException {
    for (Path p = target.getParent(); p != null; p = p.getParent()) {
      if (fs.exists(p)) {
        if (!fs.getFileStatus(p).isDirectory()) {
          throw new UserError(shown + ": the output cannot be created because "
              + BadRecordLocator.displayPath(p.toString()) + " is a file; choose another --output");
        }
        return;
      }
    }
  }

  /** The path before the first glob character's component ({@code data/2024-*.csv} → {@code data}). */
  static String literalPrefix(String path) {
    int glob = -1;
    for (int c = 0; c < path.length(); c++) {
      if ("*?[{".indexOf(path.charAt(c)) >= 0) {
        glob = c;
        break;
      }
    }
    if (glob < 0) {
      return path;
    }
    int slash = path.lastIndexOf('/', glob);
    return slash <= 0 ? "." : path.substring(0, slash);
  }

  private static boolean sameFileSystem(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getAuthority(), b.getAuthority());
  }

  /** On a local disk, the path with symbolic links resolved (as far as it exists). */
  private static Path canonical(FileSystem fs, Path p) throws IOException {
    if (!"file".equals(fs.getUri().getScheme())) {
      return p;
    }
    File file = new File(p.toUri().getPath()).getCanonicalFile();
    return fs.makeQualified(new Path(file.getPath()));
  }

  /** Whether {@code ancestor} is a proper ancestor of {@code p}. */
  private static boolean isAncestor(Path ancestor, Path p) {
    for (Path q = p.getParent(); q != null; q = q.getParent()) {
      if (q.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }
}
