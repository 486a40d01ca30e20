package io.sparkem.cli;

import io.sparkem.core.UserError;
import io.sparkem.spark.BadRecordPolicy;
import io.sparkem.spark.InputFormat;
import io.sparkem.spark.InputSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the records are and how to read them: a picocli mixin shared by the commands that read data. */
public final class InputOptions {

  @Option(names = "--input",
      description = "file, directory or glob; local path, hdfs://, s3a://, file://" + RequiredOptions.NOTE)
  String input;

  @Option(names = "--features", split = ",",
      description = "columns to use (default: all numeric columns except --weight-col / --trials-col / "
          + "--label-col)")
  List<String> features = new ArrayList<>();

  @Option(names = "--weight-col", description = "optional per-record weight column (>= 0)")
  String weightCol;

  @Option(names = "--delimiter", defaultValue = ",",
      description = "csv: the character between values; default '${DEFAULT-VALUE}' (for example ';', or '\\t' for a tab)")
  String delimiter;

  @Option(names = "--on-bad-record", defaultValue = "fail",
      description = "fail (default): stop with exit 2 at the first bad record | skip: drop and count them")
  BadRecordPolicy onBadRecord;

  InputSpec spec(String format, String trialsCol, int trials, String labelCol) {
    if (trials < 0) {
      throw new UserError("--trials must be a positive number of trials, got " + trials);
    }
    return new InputSpec(input, InputFormat.parse(format), features, weightCol, trialsCol, trials, labelCol,
        onBadRecord, delimiter.equals("\\t") ? "\t" : delimiter);
  }
}
