package io.sparkem.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The report's geometry against hand-computed cases: ellipse axes, PCA directions, projections. */
class GeometryTest {

  @Test
  void axisAlignedCovarianceGivesTheStandardDeviationsAsSemiAxes() {
    // [[4,0],[0,1]]: σx = 2, σy = 1, no rotation; the 2σ contour doubles both.
    Ellipse one = Ellipse.of(new double[] {3, -1}, new double[][] {{4, 0}, {0, 1}}, 1);
    assertThat(one.cx()).isEqualTo(3);
    assertThat(one.cy()).isEqualTo(-1);
    assertThat(one.rx()).isCloseTo(2, within(1e-12));
    assertThat(one.ry()).isCloseTo(1, within(1e-12));
    assertThat(one.degrees()).isCloseTo(0, within(1e-12));
    Ellipse two = Ellipse.of(new double[] {3, -1}, new double[][] {{4, 0}, {0, 1}}, 2);
    assertThat(two.rx()).isCloseTo(4, within(1e-12));
    assertThat(two.ry()).isCloseTo(2, within(1e-12));
  }

  @Test
  void tallCovarianceIsTheWideOneTurnedNinetyDegrees() {
    Ellipse e = Ellipse.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 4}}, 1);
    assertThat(e.rx()).isCloseTo(2, within(1e-12));
    assertThat(e.ry()).isCloseTo(1, within(1e-12));
    assertThat(Math.abs(e.degrees())).isCloseTo(90, within(1e-12));
  }

  @Test
  void correlatedCovarianceIsRotatedFortyFiveDegrees() {
    // [[2,1],[1,2]] has eigenvalues 3 (along (1,1)/√2) and 1 (along (1,−1)/√2).
    Ellipse up = Ellipse.of(new double[] {0, 0}, new double[][] {{2, 1}, {1, 2}}, 1);
    assertThat(up.rx()).isCloseTo(Math.sqrt(3), within(1e-12));
    assertThat(up.ry()).isCloseTo(1, within(1e-12));
    assertThat(up.degrees()).isCloseTo(45, within(1e-12));
    Ellipse down = Ellipse.of(new double[] {0, 0}, new double[][] {{2, -1}, {-1, 2}}, 1);
    assertThat(down.degrees()).isCloseTo(-45, within(1e-12));
  }

  @Test
  void aCovarianceBuiltFromARotationGivesThatRotationBack() {
    // Σ = R(30°) diag(9, 1) R(30°)ᵀ, built by hand: semi-axes 3 and 1, angle 30°.
    double t = Math.toRadians(30);
    double c = Math.cos(t);
    double s = Math.sin(t);
    double[][] sigma = {
      {9 * c * c + s * s, (9 - 1) * c * s},
      {(9 - 1) * c * s, 9 * s * s + c * c}
    };
    Ellipse e = Ellipse.of(new double[] {0, 0}, sigma, 1);
    assertThat(e.rx()).isCloseTo(3, within(1e-12));
    assertThat(e.ry()).isCloseTo(1, within(1e-12));
    assertThat(e.degrees()).isCloseTo(30, within(1e-10));
  }

  @Test
  void ellipsesOnScreenPassThroughTheDataContourWhateverTheAxisScales() {
    // Axes with very different x and y scales and a y flip: every point μ + L·(cos a, sin a) of the
    // 1σ contour in data space (L the Cholesky factor of Σ) must lie on the drawn ellipse.
    Axes axes = new Axes(800, 500, -20, 60, 0, 3);
    double[] mean = {20, 1.5};
    double[][] sigma = {{25, 1.2}, {1.2, 0.09}}; // correlation 0.8
    double l11 = Math.sqrt(sigma[0][0]);
    double l21 = sigma[1][0] / l11;
    double l22 = Math.sqrt(sigma[1][1] - l21 * l21);
    Ellipse e = ScatterPlot.onScreen(axes, mean, sigma, 1);
    double rot = Math.toRadians(e.degrees());
    for (int i = 0; i < 12; i++) {
      double a = 2 * Math.PI * i / 12;
      double dx = mean[0] + l11 * Math.cos(a);
      double dy = mean[1] + l21 * Math.cos(a) + l22 * Math.sin(a);
      double px = axes.x(dx) - e.cx();
      double py = axes.y(dy) - e.cy();
      // Into the ellipse's own frame (SVG's rotate(θ) turns +x towards +y on screen).
      double u = px * Math.cos(rot) + py * Math.sin(rot);
      double v = -px * Math.sin(rot) + py * Math.cos(rot);
      assertThat(u * u / (e.rx() * e.rx()) + v * v / (e.ry() * e.ry())).as("contour point %d", i)
          .isCloseTo(1, within(1e-9));
    }
  }

  @Test
  void pcaOfPointsOnALineRecoversTheLine() {
    // Points c + t·u with u = (1, 2, 2)/3 (a unit vector) and t uniform: the first component is ±u,
    // its variance that of t, and nothing is left for the second.
    double[] u = {1 / 3.0, 2 / 3.0, 2 / 3.0};
    double[] c = {5, -2, 7};
    SplittableRandom rng = new SplittableRandom(3);
    double[][] rows = new double[500][];
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < rows.length; i++) {
      double t = rng.nextDouble(-4, 4);
      sum += t;
      sumSq += t * t;
      rows[i] = new double[] {c[0] + t * u[0], c[1] + t * u[1], c[2] + t * u[2]};
    }
    double variance = sumSq / rows.length - (sum / rows.length) * (sum / rows.length);
    Pca pca = Pca.of(rows, 3);
    assertThat(Math.abs(Pca.dot(pca.first(), u))).isCloseTo(1, within(1e-9));
    assertThat(pca.first()[1]).isPositive(); // the sign convention: the largest entry positive
    assertThat(pca.variances()[0]).isCloseTo(variance, within(1e-9));
    assertThat(pca.variances()[1]).isCloseTo(0, within(1e-9));
    assertThat(Pca.dot(pca.first(), pca.second())).isCloseTo(0, within(1e-12));
    assertThat(Pca.dot(pca.second(), pca.second())).isCloseTo(1, within(1e-12));
    assertThat(pca.explained(rows)).isCloseTo(1, within(1e-9));
    // The sample mean projects to the origin.
    double[] mean = {c[0] + sum / rows.length * u[0], c[1] + sum / rows.length * u[1], c[2] + sum / rows.length * u[2]};
    assertThat(pca.project(mean)[0]).isCloseTo(0, within(1e-9));
  }

  @Test
  void pcaOfPlanarDataMatchesTheClosedFormTwoByTwoEigenvectors() {
    // 2-D data with covariance ≈ [[2,1],[1,2]]: the first component is along (1,1)/√2, as the
    // closed-form 2×2 eigenproblem (Ellipse) says for the sample's own covariance.
    SplittableRandom rng = new SplittableRandom(8);
    double[][] rows = new double[2000][];
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < rows.length; i++) {
      double a = rng.nextGaussian() * Math.sqrt(3);
      double b = rng.nextGaussian();
      rows[i] = new double[] {(a + b) / Math.sqrt(2), (a - b) / Math.sqrt(2)};
      mx += rows[i][0] / rows.length;
      my += rows[i][1] / rows.length;
    }
    for (double[] r : rows) {
      sxx += (r[0] - mx) * (r[0] - mx) / rows.length;
      sxy += (r[0] - mx) * (r[1] - my) / rows.length;
      syy += (r[1] - my) * (r[1] - my) / rows.length;
    }
    Ellipse closed = Ellipse.of(new double[] {0, 0}, new double[][] {{sxx, sxy}, {sxy, syy}}, 1);
    Pca pca = Pca.of(rows, 2);
    double angle = Math.toDegrees(Math.atan2(pca.first()[1], pca.first()[0]));
    assertThat(angle).isCloseTo(closed.degrees(), within(1e-6));
    assertThat(pca.variances()[0]).isCloseTo(closed.rx() * closed.rx(), within(1e-9));
    assertThat(pca.variances()[1]).isCloseTo(closed.ry() * closed.ry(), within(1e-9));
  }

  @Test
  void projectedCovarianceIsVTransposeSigmaV() {
    double[][] rows = {{0, 0, 0}, {3, 0, 0}, {0, 1, 0}, {3, 1, 0}, {1.5, 0.5, 0.2}};
    Pca pca = Pca.of(rows, 3);
    // Σ = I: an orthonormal V gives I.
    double[][] identity = pca.projectCovariance(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    assertThat(identity[0][0]).isCloseTo(1, within(1e-12));
    assertThat(identity[1][1]).isCloseTo(1, within(1e-12));
    assertThat(identity[0][1]).isCloseTo(0, within(1e-12));
    // Σ = v₁v₁ᵀ: all of it along the first component.
    double[] v = pca.first();
    double[][] outer = new double[3][3];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        outer[a][b] = v[a] * v[b];
      }
    }
    double[][] p = pca.projectCovariance(outer);
    assertThat(p[0][0]).isCloseTo(1, within(1e-12));
    assertThat(p[1][1]).isCloseTo(0, within(1e-12));
    assertThat(p[0][1]).isCloseTo(0, within(1e-12));
    // The widest direction of this box of points is x.
    assertThat(Math.abs(v[0])).isGreaterThan(0.9);
  }
}
