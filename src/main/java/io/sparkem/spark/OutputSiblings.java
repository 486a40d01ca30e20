package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Files beside an output directory ({@code generate}'s {@code PATH.truth.json}): when an existing
 * one may be replaced — with {@code --overwrite}, and only when this tool wrote it, which its
 * contents say — and the replacing, by one rename.
 */
final class OutputSiblings {

  private OutputSiblings() {}

  /** Refuses to replace {@code file} unless {@code overwrite} and {@code marker} occurs in its first MiB. */
  static void checkReplaceable(FileSystem fs, Path file, boolean overwrite, Pattern marker)
      throws IOException {
    String shown = BadRecordLocator.displayPath(file.toString());
    if (!overwrite) {
      throw new UserError(shown + " already exists; pass --overwrite to replace it, or choose another --output");
    }
    byte[] head;
    try (var in = fs.open(file)) {
      head = in.readNBytes(1 << 20);
    } catch (IOException e) {
      head = new byte[0];
    }
    if (fs.getFileStatus(file).isDirectory() || !marker.matcher(new String(head, StandardCharsets.UTF_8)).find()) {
      throw new UserError(shown + " already exists and was not written by spark-em; it is never replaced, "
          + "not even with --overwrite; choose another --output");
    }
  }

  /** {@code tmp} → {@code file}, replacing it; a stale {@code .crc} of the old file goes too. */
  static void replace(FileSystem fs, FileSystem raw, Path tmp, Path file) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      raw.delete(local.getChecksumFile(file), false); // written beside the file by older versions
      if (!raw.rename(tmp, file)) { // rename(2): replaces the old file atomically
        throw new IOException("rename " + tmp + " -> " + file + " failed");
      }
      return;
    }
    FileContext.getFileContext(file.toUri(), fs.getConf()).rename(tmp, file, Options.Rename.OVERWRITE);
  }
}
