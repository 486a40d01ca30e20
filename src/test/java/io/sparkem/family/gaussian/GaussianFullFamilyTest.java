package io.sparkem.family.gaussian;

/** The family contract for {@code --covariance full}. */
class GaussianFullFamilyTest extends GaussianContractTest {

  @Override
  CovarianceType type() {
    return CovarianceType.FULL;
  }
}
