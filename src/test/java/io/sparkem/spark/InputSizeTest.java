package io.sparkem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.testing.SparkTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record count estimated from the files, against files whose record counts are known. */
class InputSizeTest {

  @TempDir Path dir;

  /** A CSV file "x,y" with {@code rows} lines of 12 bytes each ("1.500,2.250\n"). */
  private static Path fixedCsv(Path file, int rows) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder sb = new StringBuilder("x,y\n");
    sb.append("1.500,2.250\n".repeat(rows));
    Files.writeString(file, sb);
    return file;
  }

  private static long rows(Path path, InputFormat format) {
    return InputSize.rows(SparkTest.spark(), new InputSpec(path.toString(), format, List.of(), null, null, 0,
        BadRecordPolicy.FAIL));
  }

  @Test
  void linesPerByteCountsNewlinesUpToTheLastOne() {
    byte[] text = "a\nbb\nccc".getBytes(StandardCharsets.US_ASCII);
    assertThat(InputSize.linesPerByte(text, true)).isEqualTo(3.0 / 8);
    assertThat(InputSize.linesPerByte(text, false)).isEqualTo(2.0 / 5);
    assertThat(InputSize.linesPerByte("abc".getBytes(StandardCharsets.US_ASCII), false)).isZero();
    assertThat(InputSize.linesPerByte(new byte[0], true)).isZero();
  }

  @Test
  void aSmallCsvFileIsCountedExactly() throws IOException {
    // 4 + 1000·12 = 12 004 bytes, 1001 lines, less the header.
    assertThat(rows(fixedCsv(dir.resolve("a.csv"), 1000), InputFormat.CSV)).isEqualTo(1000);
  }

  @Test
  void aCsvFileLargerThanTheSampleIsExtrapolated() throws IOException {
    // 2 400 004 bytes; the first MiB holds the header and 87 381 rows (4 + 12·87 381 = 1 048 576).
    long rows = rows(fixedCsv(dir.resolve("big.csv"), 200_000), InputFormat.CSV);
    assertThat((double) rows).isCloseTo(200_000, within(2.0));
  }

  @Test
  void aDirectoryCountsItsVisibleFilesOnly() throws IOException {
    Path d = dir.resolve("parts");
    fixedCsv(d.resolve("part-0.csv"), 1000);
    fixedCsv(d.resolve("part-1.csv"), 1000);
    Files.writeString(d.resolve("_SUCCESS"), "");
    Files.writeString(d.resolve(".part-0.csv.crc"), "x".repeat(50_000));
    assertThat(rows(d, InputFormat.CSV)).isEqualTo(2000);
  }

  @Test
  void jsonLinesHaveNoHeader() throws IOException {
    Path f = dir.resolve("a.json");
    Files.writeString(f, "{\"x\":1.5}\n".repeat(500));
    assertThat(rows(f, InputFormat.JSON)).isEqualTo(500);
  }

  @Test
  void parquetFootersGiveTheExactCount() {
    Path out = dir.resolve("p.parquet");
    SparkTest.spark().range(1234).selectExpr("cast(id as double) as x").repartition(3)
        .write().parquet(out.toString());
    assertThat(rows(out, InputFormat.PARQUET)).isEqualTo(1234);
  }

  @Test
  void compressedTextAndMissingPathsAreUnknown() throws IOException {
    Path gz = dir.resolve("a.csv.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(("x,y\n" + "1.500,2.250\n".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(rows(gz, InputFormat.CSV)).isEqualTo(-1);
    assertThat(rows(dir.resolve("nothing.csv"), InputFormat.CSV)).isEqualTo(-1);
  }
}
