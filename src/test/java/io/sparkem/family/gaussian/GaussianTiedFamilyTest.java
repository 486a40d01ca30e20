package io.sparkem.family.gaussian;

/** The family contract for {@code --covariance tied}. */
class GaussianTiedFamilyTest extends GaussianContractTest {

  @Override
  CovarianceType type() {
    return CovarianceType.TIED;
  }
}
