package io.sparkem.family.regression;

import io.sparkem.core.FeaturesError;
import java.util.ArrayList;
import java.util.List;

/**
 * The covariates of the data are collinear: one of them is a linear combination of the others (and
 * the intercept), so the coefficients of a regression are not determined. The user's to fix (drop a
 * column), so an exit 2; {@link #describe} names the columns once the caller knows their names.
 */
public final class CollinearCovariatesException extends FeaturesError {

  private static final long serialVersionUID = 1L;

  /** The dependent covariate, 0-based among the features. */
  private final int feature;
  /** The features it is a combination of, 0-based. */
  private final int[] of;
  /** Whether the intercept takes part in the combination. */
  private final boolean withIntercept;
  private final double residual;

  CollinearCovariatesException(int feature, int[] of, boolean withIntercept, double residual) {
    super(describe(feature, of, withIntercept, residual, null));
    this.feature = feature;
    this.of = of.clone();
    this.withIntercept = withIntercept;
    this.residual = residual;
  }

  /** The exception of a dependence among the columns of x̃ (intercept first when there is one). */
  static CollinearCovariatesException of(NormalEquations.Dependence dep, boolean intercept) {
    int shift = intercept ? 1 : 0;
    List<Integer> features = new ArrayList<>();
    boolean withIntercept = false;
    for (int t : dep.of()) {
      if (intercept && t == 0) {
        withIntercept = true;
      } else {
        features.add(t - shift);
      }
    }
    return new CollinearCovariatesException(dep.column() - shift,
        features.stream().mapToInt(Integer::intValue).toArray(), withIntercept, dep.residual());
  }

  /** The dependent covariate, 0-based among the features. */
  public int feature() {
    return feature;
  }

  @Override
  public String describe(List<String> names) {
    return describe(feature, of, withIntercept, residual, names);
  }

  private static String describe(int feature, int[] of, boolean withIntercept, double residual, List<String> names) {
    String dependent = name(feature, names);
    if (of.length == 0 && !withIntercept) {
      return "covariate " + dependent + " is 0 on every record, so its coefficient is not determined; "
          + "drop it from --features";
    }
    if (of.length == 0) {
      return "covariate " + dependent + " is constant, so it duplicates the intercept; drop it from "
          + "--features (or pass --no-intercept)";
    }
    List<String> others = new ArrayList<>();
    for (int t : of) {
      others.add(name(t, names));
    }
    return "covariates " + dependent + " and " + String.join(", ", others) + " are collinear: "
        + dependent + " is a linear combination of " + String.join(", ", others)
        + (withIntercept ? " and the intercept" : "") + String.format(" (1 − R² = %.1e)", residual)
        + ", so the coefficients are not determined; drop one of them from --features";
  }

  private static String name(int feature, List<String> names) {
    return names != null && feature < names.size() ? "'" + names.get(feature) + "'" : "#" + (feature + 1);
  }
}
