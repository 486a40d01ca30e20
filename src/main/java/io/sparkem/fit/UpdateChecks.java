package io.sparkem.fit;

import io.sparkem.core.UserError;
import io.sparkem.spark.InputColumns;
import io.sparkem.spark.InputSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * What an update checks before it reads any record: the input offers the features the model was
 * fitted on, by name and in the model's order — the statistics it blends are sums over those
 * coordinates, so anything else would add up unlike things.
 */
final class UpdateChecks {

  private UpdateChecks() {}

  /** The input's features must be the model's; one message names both lists and what differs. */
  static void sameFeatures(SparkSession spark, InputSpec spec, SavedModel saved) {
    List<String> model = saved.features();
    if (!spec.features().isEmpty() && !spec.features().equals(model)) {
      throw new UserError(saved.where() + ": the model was fitted on features " + model + " but --features names "
          + spec.features() + "; an update continues that fit: leave --features out, or name " + model);
    }
    List<String> columns = InputColumns.of(spark, spec.features().isEmpty() ? spec.withFeatures(model) : spec);
    List<String> missing = new ArrayList<>(model);
    missing.removeAll(columns);
    if (!missing.isEmpty()) {
      throw new UserError(spec.path() + ": has no column" + (missing.size() > 1 ? "s " : " ") + missing
          + " of the model's features " + model + " (" + saved.where() + "); its columns are " + columns
          + "; an update needs the features the model was fitted on");
    }
  }
}
