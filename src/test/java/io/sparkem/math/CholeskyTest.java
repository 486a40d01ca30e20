package io.sparkem.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Cholesky factor, log-determinant and forward solve against a hand-worked 3 × 3 case.
 *
 * <p>A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] (the worked example of the Wikipedia article
 * "Cholesky decomposition") has L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]: check L·Lᵀ row by row, e.g.
 * row 3 · row 3 = 64 + 25 + 9 = 98. Its determinant by cofactor expansion along the first row:
 * 4·(37·98 − 43·43) − 12·(12·98 − 43·16) + (−16)·(12·(−43) + 37·16)
 * = 4·1777 − 12·488 − 16·76 = 7108 − 5856 − 1216 = 36 = (2·1·3)².
 */
class CholeskyTest {

  private static final double[] A = {
      4, 12, -16,
      12, 37, -43,
      -16, -43, 98};

  @Test
  void factorIsTheHandWorkedOne() {
    Cholesky c = Cholesky.of(A, 3).orElseThrow();
    assertThat(c.dimension()).isEqualTo(3);
    assertThat(c.lower()).containsExactly(new double[] {2, 0, 0, 6, 1, 0, -8, 5, 3}, within(1e-12));
  }

  @Test
  void logDeterminantIsLogOf36() {
    assertThat(Cholesky.of(A, 3).orElseThrow().logDeterminant()).isCloseTo(Math.log(36), within(1e-12));
  }

  @Test
  void logDeterminantOfAScaledIdentity() {
    // det(1e-200 · I_4) = 1e-800 underflows, its log (−800 ln 10) does not.
    double[] tiny = new double[16];
    for (int a = 0; a < 4; a++) {
      tiny[a * 4 + a] = 1e-200;
    }
    assertThat(Cholesky.of(tiny, 4).orElseThrow().logDeterminant())
        .isCloseTo(-800 * Math.log(10), within(1e-9));
  }

  @Test
  void onlyTheLowerTriangleIsRead() {
    double[] upperGarbage = A.clone();
    upperGarbage[1] = 1e6;
    upperGarbage[2] = Double.NaN;
    upperGarbage[5] = -7;
    assertThat(Cholesky.of(upperGarbage, 3).orElseThrow().logDeterminant())
        .isCloseTo(Math.log(36), within(1e-12));
  }

  @Test
  void forwardSolveRecoversZFromLz() {
    // z = (1, 1, 1): L z = (2, 6 + 1, −8 + 5 + 3) = (2, 7, 0). Placed at offset 2 of a longer array.
    double[] y = {99, 98, 2, 7, 0, 97};
    Cholesky.of(A, 3).orElseThrow().forwardSolveInPlace(y, 2);
    assertThat(y).containsExactly(new double[] {99, 98, 1, 1, 1, 97}, within(1e-12));
  }

  @Test
  void squaredNormOfSolutionIsTheMahalanobisForm() {
    // yᵀA⁻¹y = ‖L⁻¹y‖²; for y = L·(1,1,1) that is 3. Independently: A⁻¹y = L⁻ᵀ(1,1,1), and
    // yᵀ L⁻ᵀ (1,1,1) = (1,1,1)ᵀ(1,1,1) = 3.
    double[] y = {2, 7, 0};
    Cholesky.of(A, 3).orElseThrow().forwardSolveInPlace(y, 0);
    assertThat(y[0] * y[0] + y[1] * y[1] + y[2] * y[2]).isCloseTo(3.0, within(1e-12));
  }

  @Test
  void inputIsNotModified() {
    double[] a = A.clone();
    Cholesky.of(a, 3);
    assertThat(a).containsExactly(A);
  }

  @Test
  void indefiniteMatrixIsRejected() {
    // [[1, 2], [2, 1]] has eigenvalues 3 and −1.
    assertThat(Cholesky.of(new double[] {1, 2, 2, 1}, 2)).isEmpty();
  }

  @Test
  void singularMatrixIsRejected() {
    // [[1, 1], [1, 1]]: the second pivot is exactly 1 − 1 = 0.
    assertThat(Cholesky.of(new double[] {1, 1, 1, 1}, 2)).isEmpty();
    assertThat(Cholesky.of(new double[] {0}, 1)).isEmpty();
  }

  @Test
  void nanOrInfiniteEntriesAreRejected() {
    assertThat(Cholesky.of(new double[] {Double.NaN, 0, 0, 1}, 2)).isEmpty();
    assertThat(Cholesky.of(new double[] {1, 0, Double.NaN, 1}, 2)).isEmpty();
    assertThat(Cholesky.of(new double[] {Double.POSITIVE_INFINITY}, 1)).isEmpty();
  }
}
