package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.ParameterMap;
import org.junit.jupiter.api.Test;

/** The Gaussian coordinates by hand: clr weights, identity means, log-Cholesky / log variances. */
class GaussianParameterMapTest {

  private static final double[] SIGMA = {4, 2, 2, 5}; // L = [[2, 0], [1, 2]]

  @Test
  void fullIsClrWeightsMeansThenLogCholesky() {
    GaussianMixture theta = new GaussianMixture(new FullCovariance(), new double[] {0.25, 0.75},
        new double[][] {{1, 2}, {3, 4}}, new double[][] {SIGMA, GaussianFixtures.identity(2)});
    ParameterMap<GaussianMixture> map = new GaussianParameterMap(new FullCovariance(), false);
    double half = 0.5 * Math.log(3); // clr: log π − mean log π = ∓ ½ log 3
    assertThat(map.toVector(theta)).containsExactly(new double[] {-half, half, 1, 2, 3, 4,
        Math.log(2), 1, Math.log(2), 0, 0, 0}, within(1e-12));
  }

  @Test
  void tiedHasOneMatrixAndSharesItOnTheWayBack() {
    GaussianMixture theta = new GaussianMixture(new TiedCovariance(), new double[] {0.5, 0.5},
        new double[][] {{0, 0}, {1, 1}}, new double[][] {SIGMA, SIGMA});
    ParameterMap<GaussianMixture> map = new GaussianParameterMap(new TiedCovariance(), true);
    double[] v = map.toVector(theta);
    assertThat(v).containsExactly(new double[] {0, 0, 1, 1, Math.log(2), 1, Math.log(2)}, within(1e-12));
    GaussianMixture back = map.fromVector(v, theta);
    assertThat(back.covariances()[0]).isSameAs(back.covariances()[1]);
    assertThat(back.covariances()[0]).containsExactly(SIGMA, within(1e-12));
  }

  @Test
  void diagAndSphericalAreLogVariances() {
    GaussianMixture diag = new GaussianMixture(new DiagonalCovariance(), new double[] {1},
        new double[][] {{0, 0}}, new double[][] {{2, 8}});
    assertThat(new GaussianParameterMap(new DiagonalCovariance(), true).toVector(diag))
        .containsExactly(new double[] {0, 0, Math.log(2), Math.log(8)}, within(1e-12));
    GaussianMixture sph = new GaussianMixture(new SphericalCovariance(), new double[] {1},
        new double[][] {{0, 0}}, new double[][] {{3}});
    assertThat(new GaussianParameterMap(new SphericalCovariance(), true).toVector(sph))
        .containsExactly(new double[] {0, 0, Math.log(3)}, within(1e-12));
  }
}
