package io.sparkem.family.hmm;

import io.sparkem.core.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The occasionally dishonest casino of Durbin, Eddy, Krogh &amp; Mitchison (1998), "Biological
 * Sequence Analysis", §3.2: a fair die and a loaded one that shows six with probability 1/2 (each
 * other face 1/10); the casino switches fair→loaded with probability 0.05 and loaded→fair with
 * probability 0.1 after each roll. State 0 is fair, state 1 loaded; rolls are 1..6.
 */
public final class Casino {

  static final double[][] TRANSITIONS = {{0.95, 0.05}, {0.1, 0.9}};
  static final double[][] FACES = {
      {1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0},
      {0.1, 0.1, 0.1, 0.1, 0.1, 0.5}};
  /** The chain's stationary distribution, (2/3, 1/3), as the start. */
  static final double[] START = {2 / 3.0, 1 / 3.0};

  /** Rolls (1..6) and the die used for each, of one sequence. */
  public record Sequence(int[] rolls, int[] dice) {}

  private Casino() {}

  public static List<Sequence> generate(int sequences, int length, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Sequence> out = new ArrayList<>();
    for (int s = 0; s < sequences; s++) {
      int[] rolls = new int[length];
      int[] dice = new int[length];
      int die = rng.nextDouble() < START[0] ? 0 : 1;
      for (int t = 0; t < length; t++) {
        if (t > 0 && rng.nextDouble() < TRANSITIONS[die][1 - die]) {
          die = 1 - die;
        }
        dice[t] = die;
        rolls[t] = draw(FACES[die], rng) + 1;
      }
      out.add(new Sequence(rolls, dice));
    }
    return out;
  }

  private static int draw(double[] p, SplittableRandom rng) {
    double u = rng.nextDouble();
    for (int a = 0; a < p.length - 1; a++) {
      u -= p[a];
      if (u < 0) {
        return a;
      }
    }
    return p.length - 1;
  }

  /** Blocks of one-hot rows (6 columns), {@code perBlock} sequences each. */
  static List<Block> blocks(List<Sequence> seqs, int perBlock) {
    List<Block> blocks = new ArrayList<>();
    for (int from = 0; from < seqs.size(); from += perBlock) {
      List<Sequence> part = seqs.subList(from, Math.min(seqs.size(), from + perBlock));
      int rows = part.stream().mapToInt(s -> s.rolls().length).sum();
      double[] x = new double[rows * 6];
      double[] w = new double[rows];
      int[] offsets = new int[part.size() + 1];
      int r = 0;
      for (int s = 0; s < part.size(); s++) {
        offsets[s] = r;
        for (int roll : part.get(s).rolls()) {
          x[r * 6 + roll - 1] = 1;
          w[r++] = 1;
        }
      }
      offsets[part.size()] = r;
      blocks.add(Block.ofSequences(6, x, w, offsets));
    }
    return blocks;
  }
}
