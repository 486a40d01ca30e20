package io.sparkem.family.gaussian;

import java.util.Arrays;
import java.util.Locale;

/** The covariance structures of scikit-learn's GaussianMixture, by their command-line names. */
public enum CovarianceType {
  /** Each component its own d × d covariance. */
  FULL(new FullCovariance()),
  /** Each component a diagonal covariance. */
  DIAG(new DiagonalCovariance()),
  /** One d × d covariance shared by all components. */
  TIED(new TiedCovariance()),
  /** Each component one variance σ_j² I. */
  SPHERICAL(new SphericalCovariance());

  private final CovarianceShape shape;

  CovarianceType(CovarianceShape shape) {
    this.shape = shape;
  }

  /** The name used on the command line and in model.json. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The command-line name, so that picocli converts the flag's text to this constant itself. */
  @Override
  public String toString() {
    return cliName();
  }

  /** The implementation of this structure. */
  public CovarianceShape shape() {
    return shape;
  }

  public static CovarianceType parse(String name) {
    for (CovarianceType t : values()) {
      if (t.cliName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown covariance type '" + name + "'; expected one of "
        + Arrays.stream(values()).map(CovarianceType::cliName).toList());
  }
}
