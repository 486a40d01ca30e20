package io.sparkem.family.gaussian;

/** The family contract for {@code --covariance diag}. */
class GaussianDiagFamilyTest extends GaussianContractTest {

  @Override
  CovarianceType type() {
    return CovarianceType.DIAG;
  }
}
