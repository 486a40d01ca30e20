package io.sparkem.core;

import java.io.Serializable;

/**
 * {@code --mini-batch F}: stepwise online EM (Cappé &amp; Moulines 2009, JRSS-B 71:593; Liang &amp;
 * Klein 2009, "Online EM for unsupervised models"). Step t runs the E-step under the current θ on
 * a random fraction F of the blocks only ({@link #subset}), blends the statistics into running ones
 * ({@link StepwiseEm}) and runs the M-step on those. F = 1 is plain full-batch EM.
 *
 * <p>Which blocks step t reads depends only on (seed, t, partition, block index within the
 * partition), through a hash: reproducible for the same seed and partitioning, whatever the timing
 * of the tasks; the fraction holds in expectation (each block independently with probability F).
 *
 * @param fraction F, in (0, 1]
 * @param seed     {@code --seed}
 */
public record MiniBatch(double fraction, long seed) implements Serializable {

  /** Full batch: every pass reads every block. */
  public static final MiniBatch FULL = new MiniBatch(1.0, 0);

  public MiniBatch {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("--mini-batch must be a fraction F with 0 < F <= 1, got " + fraction);
    }
  }

  /** Whether this is plain full-batch EM. */
  public boolean isFull() {
    return fraction >= 1;
  }

  /** The blocks step {@code step} (0-based) reads. */
  public BlockSubset subset(long step) {
    return new BlockSubset(fraction, seed, step);
  }

  /**
   * A reproducible random subset of the blocks: block {@code index} of partition {@code partition}
   * belongs to it when a 64-bit hash of (seed, step, partition, index), as a uniform number in
   * [0, 1), is below the fraction.
   */
  public record BlockSubset(double fraction, long seed, long step) implements Serializable {

    /** Every block. */
    public static final BlockSubset ALL = new BlockSubset(1.0, 0, 0);

    public boolean isAll() {
      return fraction >= 1;
    }

    public boolean keeps(int partition, int index) {
      if (isAll()) {
        return true;
      }
      long h = mix(seed ^ mix(step + 0x9E3779B97F4A7C15L * (mix(((long) partition << 32) ^ index) | 1)));
      return (h >>> 11) * 0x1.0p-53 < fraction;
    }

    /** SplittableRandom's finaliser (Stafford's variant 13 of MurmurHash3's fmix64). */
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
