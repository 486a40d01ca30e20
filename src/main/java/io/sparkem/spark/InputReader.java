package io.sparkem.spark;

import io.sparkem.core.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Opens the input with Spark's reader for its format and decides which column feeds which block
 * value. Every frame it returns has two extra columns, the source file and the start of the split,
 * taken from Spark's {@code _metadata}, so a bad record can be named by file and row.
 */
final class InputReader {

  static final String CORRUPT = "_corrupt_record";
  static final String FILE = "__em_file";
  static final String SPLIT = "__em_split";
  /** Rows looked at to decide which text columns of a CSV file are numeric. */
  private static final int SNIFF_ROWS = 1000;

  private InputReader() {}

  /** The opened input: the frame to read rows from and the plan to read them with. */
  record Opened(Dataset<Row> frame, ColumnPlan plan) {}

  static Opened open(SparkSession spark, InputSpec spec) {
    Dataset<Row> frame = frame(spark, spec);
    return new Opened(frame, plan(frame, spec));
  }

  /** The input frame with the file and split columns, without choosing feature columns. */
  static Dataset<Row> frame(SparkSession spark, InputSpec spec) {
    InputFiles.check(spark, spec);
    Dataset<Row> raw = read(spark, spec);
    return raw.selectExpr(withMetadata(raw.columns()));
  }

  private static Dataset<Row> read(SparkSession spark, InputSpec spec) {
    try {
      return switch (spec.format()) {
        case CSV -> {
          // Read the header alone first: every column as text, plus the corrupt-record column, so
          // the job — not Spark's inference — decides what is a number and reports what is not.
          StructType header = spark.read().option("header", "true").option("sep", spec.delimiter())
              .csv(spec.path()).schema();
          StructType schema = new StructType();
          for (StructField f : header.fields()) {
            schema = schema.add(f.name(), DataTypes.StringType, true);
          }
          schema = schema.add(CORRUPT, DataTypes.StringType, true);
          yield spark.read().option("header", "true").option("sep", spec.delimiter()).option("mode", "PERMISSIVE")
              .option("columnNameOfCorruptRecord", CORRUPT).schema(schema).csv(spec.path());
        }
        case JSON -> spark.read().option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT).json(spec.path());
        case PARQUET -> spark.read().parquet(spec.path());
        case LIBSVM -> spark.read().format("libsvm").load(spec.path());
      };
    } catch (UserError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UserError(spec.path() + ": cannot be read as " + spec.format().name().toLowerCase()
          + " (" + firstLine(e) + "); check --format and the file", e);
    }
  }

  private static String[] withMetadata(String[] columns) {
    List<String> exprs = new ArrayList<>();
    for (String c : columns) {
      exprs.add("`" + c.replace("`", "``") + "`");
    }
    exprs.add("_metadata.file_path AS " + FILE);
    exprs.add("_metadata.file_block_start AS " + SPLIT);
    return exprs.toArray(String[]::new);
  }

  private static ColumnPlan plan(Dataset<Row> frame, InputSpec spec) {
    List<String> columns = Arrays.asList(frame.columns());
    StructType schema = frame.schema();
    String file = spec.path();
    int weight = index(columns, spec.weightCol(), "--weight-col", spec);
    // The value appended after the features: binomial's trials or regression's label.
    int appended = spec.hasLabel() ? index(columns, spec.labelCol(), "--label-col", spec)
        : index(columns, spec.trialsCol(), "--trials-col", spec);
    String appendedName = spec.hasLabel() ? spec.labelCol() : spec.trialsCol();
    if (spec.hasLabel() && spec.features().contains(spec.labelCol())) {
      throw new UserError(file + ": column '" + spec.labelCol() + "' is the response (--label-col) and also in "
          + "--features; remove it from --features");
    }
    int corrupt = columns.indexOf(CORRUPT);
    if (spec.format() == InputFormat.LIBSVM) {
      return libsvmPlan(frame, columns, weight, appended, appendedName, spec);
    }
    List<String> features = spec.features().isEmpty()
        ? defaultFeatures(frame, schema, spec) : spec.features();
    if (spec.features().isEmpty()) {
      List<String> left = userColumns(columns).stream()
          .filter(c -> !features.contains(c) && !c.equals(spec.weightCol()) && !c.equals(spec.trialsCol())
              && !c.equals(spec.labelCol()))
          .toList();
      org.slf4j.LoggerFactory.getLogger("io.sparkem").info("features: " + listed(features)
          + (left.isEmpty() ? "" : " (not numeric, left out: " + listed(left) + ")"));
    }
    if (features.isEmpty()) {
      String hint = delimiterHint(columns, spec);
      throw new UserError(file + ": no numeric feature columns found (columns: "
          + userColumns(columns) + "); " + (hint != null ? hint : "name them with --features"));
    }
    int[] idx = new int[features.size()];
    for (int c = 0; c < idx.length; c++) {
      idx[c] = index(columns, features.get(c), "--features", spec);
    }
    return new ColumnPlan(idx, features, weight, appended, spec.trials(), corrupt, -1,
        columns.indexOf(FILE), columns.indexOf(SPLIT), spec.weightCol(), appendedName);
  }

  private static ColumnPlan libsvmPlan(Dataset<Row> frame, List<String> columns, int weight,
      int appended, String appendedName, InputSpec spec) {
    int vector = columns.indexOf("features");
    int d = frame.schema().apply("features").metadata().getMetadata("ml_attr").getLong("num_attrs") > 0
        ? (int) frame.schema().apply("features").metadata().getMetadata("ml_attr").getLong("num_attrs")
        : 0;
    List<String> names = new ArrayList<>();
    for (int c = 1; c <= d; c++) {
      names.add("f" + c);
    }
    if (!spec.features().isEmpty() && !spec.features().equals(names)) {
      throw new UserError(spec.path() + ": libsvm features are named f1..f" + d
          + "; --features cannot select among them");
    }
    return new ColumnPlan(new int[0], names, weight, appended, spec.trials(), -1, vector,
        columns.indexOf(FILE), columns.indexOf(SPLIT), spec.weightCol(), appendedName);
  }

  /** Every numeric column but the weight, trials and label ones; for CSV, columns whose first rows read as numbers. */
  private static List<String> defaultFeatures(Dataset<Row> frame, StructType schema, InputSpec spec) {
    Set<String> excluded = new LinkedHashSet<>(Arrays.asList(CORRUPT, FILE, SPLIT));
    if (spec.weightCol() != null) {
      excluded.add(spec.weightCol());
    }
    if (spec.trialsCol() != null) {
      excluded.add(spec.trialsCol());
    }
    if (spec.labelCol() != null) {
      excluded.add(spec.labelCol());
    }
    List<String> out = new ArrayList<>();
    // JSON infers a column holding numbers and one stray string as a string column: sniff it like
    // CSV text, so that the stray value is reported as bad input instead of the column being
    // silently left out of the features.
    boolean sniff = spec.format() == InputFormat.CSV || spec.format() == InputFormat.JSON;
    List<Row> head = sniff ? frame.limit(SNIFF_ROWS).collectAsList() : List.of();
    for (StructField f : schema.fields()) {
      if (excluded.contains(f.name())) {
        continue;
      }
      if (f.dataType() instanceof NumericType) {
        out.add(f.name());
      } else if (sniff && f.dataType() == DataTypes.StringType
          && textColumnIsNumeric(head, schema.fieldIndex(f.name()))) {
        out.add(f.name());
      }
    }
    return out;
  }

  /**
   * A text column counts as numeric when any of its first non-empty values reads as a number, or
   * when it has none: a name column is left out, while a numeric column with a stray bad value
   * stays in and that value is reported as bad input (an error rather than a silent drop).
   */
  private static boolean textColumnIsNumeric(List<Row> head, int index) {
    boolean anyValue = false;
    for (Row r : head) {
      if (r.isNullAt(index) || r.getString(index).isBlank()) {
        continue;
      }
      anyValue = true;
      if (NumericValue.isNumberText(r.getString(index))) {
        return true;
      }
    }
    return !anyValue;
  }

  private static int index(List<String> columns, String name, String flag, InputSpec spec) {
    if (name == null) {
      return -1;
    }
    int i = columns.indexOf(name);
    if (i < 0 || name.equals(FILE) || name.equals(SPLIT)) {
      String hint = delimiterHint(columns, spec);
      throw new UserError(spec.path() + ": no column '" + name + "' (given by " + flag + "); columns are "
          + userColumns(columns) + (hint == null ? "" : "; " + hint));
    }
    return i;
  }

  /**
   * When a CSV header read with the current delimiter came out as one column holding another
   * common delimiter ("a;b;c"), what to pass; else null.
   */
  static String delimiterHint(List<String> columns, InputSpec spec) {
    List<String> user = userColumns(columns);
    if (spec.format() != InputFormat.CSV || user.size() != 1) {
      return null;
    }
    for (String c : List.of(";", "\t", "|", ",")) {
      if (!c.equals(spec.delimiter()) && user.get(0).contains(c)) {
        return "the header '" + shown(user.get(0)) + "' looks '" + shown(c) + "'-separated, not '"
            + shown(spec.delimiter()) + "'-separated; pass --delimiter '" + shown(c) + "'";
      }
    }
    return null;
  }

  /** Names for a log line: all of a few, the first and last of many (5,000 features make one line). */
  private static String listed(List<String> names) {
    if (names.size() <= 12) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 10)) + ", ..., " + names.get(names.size() - 1) + " ("
        + names.size() + " columns)";
  }

  /** A tab as \t, as the user types it. */
  private static String shown(String text) {
    return text.replace("\t", "\\t");
  }

  static List<String> userColumns(List<String> columns) {
    return columns.stream().filter(c -> !c.equals(CORRUPT) && !c.equals(FILE) && !c.equals(SPLIT)).toList();
  }

  static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
