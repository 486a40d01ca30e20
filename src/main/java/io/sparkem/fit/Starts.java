package io.sparkem.fit;

import io.sparkem.core.Family;
import io.sparkem.core.Model;
import io.sparkem.core.StatisticsSource;
import io.sparkem.core.UserError;
import io.sparkem.init.Initializer;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The starting θs of one candidate: {@code restarts} fresh ones drawn from a sample of the data
 * ({@link Initializer}), or the one θ of a saved model ({@code model:PATH}), checked against the
 * family, k and the data's width.
 */
final class Starts {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");
  private Starts() {}

  static <M extends Model> List<M> of(SparkSession spark, FitSettings settings, Wording wording, Records records,
      Family<M> family, StatisticsSource source, int k) {
    if (settings.init() instanceof Init.FromModel saved) {
      M theta = saved(spark, saved.path(), family, wording);
      String where = saved.path();
      if (theta.k() != k) {
        throw new UserError(where + ": the model has k = " + theta.k() + " but " + wording.name(Setting.K)
            + " is " + k + "; " + wording.fix(Setting.K, theta.k()));
      }
      checkWidth(family, theta, source.dimension(), where, wording);
      if (settings.restarts() > 1) {
        LOG.warn(wording.value(Setting.RESTARTS, settings.restarts()) + " is ignored with "
            + wording.value(Setting.INIT, "model:PATH") + " (one start)");
      }
      return List.of(theta);
    }
    int distinct = source.distinctRecords(k);
    if (distinct < k) {
      throw new UserError(records.where() + wording.value(Setting.K, k) + " is larger than the number of "
          + "distinct records (" + distinct + "); lower " + wording.name(Setting.K));
    }
    return Initializer.starts(family, source, k, ((Init.Drawn) settings.init()).method(), settings.restarts(),
        settings.seed());
  }

  /** A saved θ must read blocks of the data's width: its dimension is the input's number of features. */
  static <M extends Model> void checkWidth(Family<M> family, M theta, int width, String where, Wording wording) {
    if (family.blockWidth(theta.dimension()) != width) {
      throw new UserError(where + ": the model has dimension " + theta.dimension() + " but "
          + wording.inputWidth(width - family.blockWidth(0)));
    }
  }

  /**
   * θ from a model.json file, a fit's output directory holding one, or a directory a Spark ML model
   * was saved to ({@code data/model.json} inside it, {@link SavedModel#read}).
   */
  static <M extends Model> M saved(SparkSession spark, String path, Family<M> family, Wording wording) {
    return SavedModel.read(spark, path, wording.name(Setting.INIT)).theta(family, wording);
  }
}
