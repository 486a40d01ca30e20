package io.sparkem.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The initialisation sample: reproducible, the same however the rows are partitioned. */
class SamplingTest {

  private static final int N = 10_000;

  /** Row i is (i, −i) with weight 1 + i mod 3, so every row is identifiable. */
  private static List<Block> rows(int... sizes) {
    List<Block> blocks = new ArrayList<>();
    int at = 0;
    for (int size : sizes) {
      double[] x = new double[2 * size];
      double[] w = new double[size];
      for (int i = 0; i < size; i++) {
        x[2 * i] = at + i;
        x[2 * i + 1] = -(at + i);
        w[i] = 1 + (at + i) % 3;
      }
      blocks.add(new Block(size, 2, x, w));
      at += size;
    }
    assertThat(at).isEqualTo(N);
    return blocks;
  }

  @Test
  void sampleDoesNotDependOnPartitioning() {
    Block one = Sampling.sample(rows(N), N, 500, 7);
    Block five = Sampling.sample(rows(1, 3333, 0, 4000, 2666), N, 500, 7);
    assertThat(five.rows()).isEqualTo(one.rows());
    assertThat(five.x()).containsExactly(one.x());
    assertThat(five.w()).containsExactly(one.w());
    // The local source hands out the same sample.
    assertThat(new LocalStatisticsSource(rows(5000, 5000)).sample(500, 7).x()).containsExactly(one.x());
  }

  @Test
  void sampleIsAnOrderedSubsetWithItsWeights() {
    Block s = Sampling.sample(rows(2500, 2500, 2500, 2500), N, 500, 3);
    double previous = -1;
    for (int i = 0; i < s.rows(); i++) {
      double id = s.get(i, 0);
      assertThat(id).isGreaterThan(previous).isEqualTo(Math.rint(id));
      assertThat(s.get(i, 1)).isEqualTo(-id);
      assertThat(s.w()[i]).isEqualTo(1 + id % 3);
      previous = id;
    }
  }

  @Test
  void sampleSizeIsNearTheTarget() {
    // Bernoulli(0.05) on 10 000 rows: mean 500, sd √(10 000·0.05·0.95) ≈ 21.8; allow 5 sd.
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(Sampling.sample(rows(N), N, 500, seed).rows()).isBetween(391, 609);
    }
  }

  @Test
  void smallDataAreKeptWhole() {
    Block all = Sampling.sample(rows(6000, 4000), N, N, 1);
    assertThat(all.rows()).isEqualTo(N);
    assertThat(all.get(N - 1, 0)).isEqualTo(N - 1.0);
    assertThat(Sampling.keepProbability(10, 20)).isEqualTo(1.0);
    assertThat(Sampling.keepProbability(200, 20)).isEqualTo(0.1);
  }

  @Test
  void sameSeedSameSampleOtherSeedOtherSample() {
    Block a = Sampling.sample(rows(N), N, 500, 11);
    Block b = Sampling.sample(rows(N), N, 500, 11);
    Block c = Sampling.sample(rows(N), N, 500, 12);
    assertThat(b.x()).containsExactly(a.x());
    assertThat(c.x()).isNotEqualTo(a.x());
  }

  @Test
  void uniformIsInTheUnitIntervalWithMeanOneHalf() {
    // 100 000 draws: mean ½ ± 0.0009 (sd 1/√12/√n); allow 5 sd. Variance 1/12 likewise.
    int n = 100_000;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double u = Sampling.uniform(42, i);
      assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      sum += u;
      sq += u * u;
    }
    assertThat(sum / n).isCloseTo(0.5, within(0.0046));
    assertThat(sq / n - Math.pow(sum / n, 2)).isCloseTo(1.0 / 12, within(0.002));
  }

  @Test
  void distinctRecordsTreatsMinusZeroAsZeroAndStopsAtTheLimit() {
    Block b = Block.unweighted(2, new double[][] {{0.0, 1}, {-0.0, 1}, {2, 3}, {2, 3}, {4, 5}});
    LocalStatisticsSource data = LocalStatisticsSource.of(b, b);
    assertThat(data.distinctRecords(100)).isEqualTo(3);
    assertThat(data.distinctRecords(2)).isEqualTo(2);
    assertThat(data.records()).isEqualTo(10);
    assertThat(data.totalWeight()).isEqualTo(10.0);
  }
}
