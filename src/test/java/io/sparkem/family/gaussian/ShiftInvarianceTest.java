package io.sparkem.family.gaussian;

import static io.sparkem.family.gaussian.GaussianFixtures.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Translating the data translates the fit: with every coordinate + 1e9 (and θ0 shifted alike) the
 * means move by 1e9 and the covariances stay put. Near 1e9 a double resolves only 1.2e-7, so the
 * shifted data themselves carry rounding of that size; a naive Σ = E[xxᵀ] − μμᵀ would lose all
 * digits (1e18 − 1e18), which is what the centred statistics avoid. Every covariance structure
 * is checked: full and tied run the dense block kernel, diag and spherical the generic E-step.
 */
class ShiftInvarianceTest {

  private static final double SHIFT = 1e9;

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void shiftingTheDataShiftsTheMeansOnly(CovarianceType type) {
    CovarianceShape shape = type.shape();
    double[][] lowers = {identity(2), {1, 0, 0.5, 0.7}, {0.6, 0, 0, 1.3}};
    double[][] trueMeans = {{0, 0}, {5, 0}, {0, 5}};
    double[][] rows = GaussianFixtures.draw(new SplittableRandom(4), 600,
        new double[] {0.3, 0.3, 0.4}, trueMeans, lowers);
    double[][] shifted = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      shifted[i] = new double[] {rows[i][0] + SHIFT, rows[i][1] + SHIFT};
    }
    double[] weights = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    double[][] start = {{-1, 1}, {4, -1}, {1, 4}};
    double[][] startShifted = new double[3][];
    for (int j = 0; j < 3; j++) {
      startShifted[j] = new double[] {start[j][0] + SHIFT, start[j][1] + SHIFT};
    }
    double[] unit = shape.fromFull(identity(2), 2);
    double[][] cov = {unit, unit, unit}; // one shared array, as tied keeps it
    EmOptions options = new EmOptions(30, 0);
    GaussianFamily family = new GaussianFamily(shape, 1e-6, false);

    FitResult<GaussianMixture> base = EmLoop.run(family,
        new GaussianMixture(shape, weights, start, cov),
        GaussianFixtures.source(rows, 3), options, IterationListener.SILENT);
    FitResult<GaussianMixture> moved = EmLoop.run(family,
        new GaussianMixture(shape, weights, startShifted, cov),
        GaussianFixtures.source(shifted, 3), options, IterationListener.SILENT);

    GaussianMixture a = base.model();
    GaussianMixture b = moved.model();
    assertThat(b.weights()).containsExactly(a.weights(), within(1e-6));
    for (int j = 0; j < 3; j++) {
      for (int c = 0; c < 2; c++) {
        // 1e-5 absolute is ~100 ulps of 1e9: far below any real error, far above rounding.
        assertThat(b.means()[j][c] - SHIFT).as("mean %d[%d]", j, c)
            .isCloseTo(a.means()[j][c], within(1e-5));
      }
      double[] ca = a.fullCovariance(j);
      double[] cb = b.fullCovariance(j);
      for (int e = 0; e < 4; e++) {
        double scale = Math.sqrt(ca[(e / 2) * 3] * ca[(e % 2) * 3]); // √(Σ_aa Σ_bb)
        assertThat(cb[e]).as("cov %d[%d]", j, e).isCloseTo(ca[e], within(1e-6 * scale));
      }
    }
    assertThat(moved.logLikelihood())
        .isCloseTo(base.logLikelihood(), within(1e-6 * Math.abs(base.logLikelihood())));
  }
}
