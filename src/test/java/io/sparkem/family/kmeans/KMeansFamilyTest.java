package io.sparkem.family.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkem.core.Block;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.TraceEntry;
import io.sparkem.family.FamilyContractTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansFamilyTest extends FamilyContractTest<KMeansModel> {

  /** k-means scores distances: no density per record. */
  @Override
  public boolean hasDensity() {
    return false;
  }

  @Override
  protected Family<KMeansModel> family(FamilyOptions options) {
    return KMeansFamily.of(options);
  }

  /** Two round clusters in the plane around (0, 0) and (6, 2). */
  @Override
  protected double[][] records(SplittableRandom rng, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean first = rng.nextDouble() < 0.35;
      rows[i] = new double[] {(first ? 0 : 6) + rng.nextGaussian(), (first ? 0 : 2) + rng.nextGaussian()};
    }
    return rows;
  }

  @Override
  protected double[] flatten(KMeansModel theta) {
    return concat(theta.weights(), concat(theta.means()));
  }

  @Override
  protected double[] weights(KMeansModel theta) {
    return theta.weights();
  }

  /** One cluster: the centre is the mean. */
  @Override
  protected double[] closedFormMle(double[][] records) {
    double[] mean = new double[records[0].length];
    for (double[] r : records) {
      for (int a = 0; a < mean.length; a++) {
        mean[a] += r[a] / records.length;
      }
    }
    return concat(new double[] {1}, mean);
  }

  /** Weights do not steer k-means: the last centre is moved far from every record instead. */
  @Override
  protected KMeansModel withEmptyComponent(KMeansModel theta) {
    double[][] means = theta.means().clone();
    means[means.length - 1] = new double[] {1e6, 1e6};
    return new KMeansModel(theta.weights(), means);
  }

  /**
   * Lloyd's algorithm by hand on five points A(0,0) B(0,1) C(10,0) D(10,1) E(3.5,0) from the
   * centres (0,0) and (6,0); distances are squared:
   * <pre>
   * pass 0: A,B → c0 (0, 1); C,D,E → c1 (16, 17, 6.25)            cost 40.25
   *         c0 = (0, 1/2), c1 = ((10+10+3.5)/3, 1/3) = (47/6, 1/3)
   * pass 1: E → c0: 3.5² + ¼ = 12.5 &lt; (26/6)² + 1/9 = 680/36
   *         A,B: ¼ each; C: (13/6)² + 1/9 = 173/36; D: 169/36 + 4/9 = 185/36   cost 413/18
   *         c0 = (3.5/3, 1/3) = (7/6, 1/3), c1 = (10, 1/2)
   * pass 2: A 53/36, B 65/36, E (7/3)² + 1/9 = 200/36; C, D ¼ each        cost 28/3
   * pass 3: nothing moves, cost 28/3 again: converged after 3 iterations.
   * </pre>
   */
  @Test
  void lloydByHand() {
    Block points = Block.unweighted(2, new double[][] {{0, 0}, {0, 1}, {10, 0}, {10, 1}, {3.5, 0}});
    KMeansModel start = new KMeansModel(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {6, 0}});
    FitResult<KMeansModel> fit = EmLoop.run(family(), start, LocalStatisticsSource.of(points),
        new EmOptions(100, 1e-9), (f, e, d) -> {});
    assertThat(fit.converged()).isTrue();
    assertThat(fit.iterations()).isEqualTo(3);
    assertThat(fit.model().means()[0]).containsExactly(new double[] {7.0 / 6, 1.0 / 3}, within(1e-15));
    assertThat(fit.model().means()[1]).containsExactly(new double[] {10, 0.5}, within(1e-15));
    assertThat(fit.model().weights()).containsExactly(0.6, 0.4);
    assertThat(fit.cost().orElseThrow()).isCloseTo(28.0 / 3, within(1e-13));
    assertThat(fit.logLikelihood()).isCloseTo(-28.0 / 3, within(1e-13));
    assertThat(fit.trace().stream().mapToDouble(t -> t.cost().orElseThrow()).toArray())
        .containsExactly(new double[] {40.25, 413.0 / 18, 28.0 / 3}, within(1e-13));
    assertThat(fit.trace().stream().mapToDouble(TraceEntry::logLikelihood).toArray())
        .containsExactly(new double[] {-40.25, -413.0 / 18, -28.0 / 3}, within(1e-13));
    assertThat(fit.model().freeParameters()).isEqualTo(4);
  }

  @Test
  void weightedRecordsPullTheirCentre() {
    // E = (3.5, 0) with weight 3 joins c0 from the start and drags it: c0 = (3·3.5/5, 1/5).
    Block points = new Block(5, 2, new double[] {0, 0, 0, 1, 10, 0, 10, 1, 3.5, 0}, new double[] {1, 1, 1, 1, 3});
    KMeansModel start = new KMeansModel(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {10, 0}});
    KMeansModel one = fit(start, LocalStatisticsSource.of(points), 1).model();
    assertThat(one.means()[0]).containsExactly(new double[] {10.5 / 5, 0.2}, within(1e-15));
    assertThat(one.weights()).containsExactly(5.0 / 7, 2.0 / 7);
  }

  @Test
  void convergenceIsOnTheRelativeChangeOfTheCost() {
    var family = family();
    assertThat(costOf(100).cost().orElseThrow()).isCloseTo(100, within(1e-12));
    assertThat(family.converged(costOf(100), costOf(100 - 1e-5), 1e-6)).isTrue();
    assertThat(family.converged(costOf(100), costOf(100 - 1e-3), 1e-6)).isFalse();
    assertThat(family.converged(costOf(0), costOf(0), 1e-6)).isTrue();
    assertThat(new KMeansStats(1, 1).cost().orElseThrow()).isEqualTo(0.0);
  }

  /** Statistics of a pass whose cost is {@code c}: one record at distance √c from its centre. */
  private KMeansStats costOf(double c) {
    KMeansModel theta = new KMeansModel(new double[] {1}, new double[][] {{0}});
    Block b = Block.unweighted(1, new double[][] {{Math.sqrt(c)}});
    KMeansStats s = (KMeansStats) family().eStep(theta).zero();
    family().eStep(theta).accumulate(b, s);
    return s;
  }

  @Test
  void modelJsonMayOmitWeights() throws Exception {
    var root = new ObjectMapper().readTree("{\"components\":[{\"mean\":[0,1]},{\"mean\":[2,3]},{\"mean\":[4,5]}]}");
    KMeansModel theta = family().readJson(root);
    assertThat(theta.weights()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    assertThat(theta.means()[2]).containsExactly(4, 5);
  }
}
