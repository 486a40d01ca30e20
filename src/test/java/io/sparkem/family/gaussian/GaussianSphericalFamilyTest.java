package io.sparkem.family.gaussian;

/** The family contract for {@code --covariance spherical}. */
class GaussianSphericalFamilyTest extends GaussianContractTest {

  @Override
  CovarianceType type() {
    return CovarianceType.SPHERICAL;
  }
}
