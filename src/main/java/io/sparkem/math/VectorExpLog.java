package io.sparkem.math;

import static io.sparkem.math.ExpLog.E10;
import static io.sparkem.math.ExpLog.E11;
import static io.sparkem.math.ExpLog.E12;
import static io.sparkem.math.ExpLog.E13;
import static io.sparkem.math.ExpLog.E2;
import static io.sparkem.math.ExpLog.E3;
import static io.sparkem.math.ExpLog.E4;
import static io.sparkem.math.ExpLog.E5;
import static io.sparkem.math.ExpLog.E6;
import static io.sparkem.math.ExpLog.E7;
import static io.sparkem.math.ExpLog.E8;
import static io.sparkem.math.ExpLog.E9;
import static io.sparkem.math.ExpLog.EXP_CLAMP_HIGH;
import static io.sparkem.math.ExpLog.EXP_CLAMP_LOW;
import static io.sparkem.math.ExpLog.LG1;
import static io.sparkem.math.ExpLog.LG2;
import static io.sparkem.math.ExpLog.LG3;
import static io.sparkem.math.ExpLog.LG4;
import static io.sparkem.math.ExpLog.LG5;
import static io.sparkem.math.ExpLog.LG6;
import static io.sparkem.math.ExpLog.LG7;
import static io.sparkem.math.ExpLog.LN2_HI;
import static io.sparkem.math.ExpLog.LN2_LO;
import static io.sparkem.math.ExpLog.LOG2E;
import static io.sparkem.math.ExpLog.SHIFT;
import static io.sparkem.math.ExpLog.SHIFT_BITS;
import static io.sparkem.math.ExpLog.SQRT_HALF_BITS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ExpLog}'s exp and log lane by lane in a vector of {@code DoubleVector.SPECIES_PREFERRED}: the same IEEE operations in the same order,
 * so every lane has the bits that {@link ExpLog} gives for it, compiled or interpreted. exp has no
 * branch and no mask; log's lanes outside the normal range (0, negative, subnormal, infinite, NaN)
 * never occur in the E-step (its sums lie in [1, k]) and are handed to {@link ExpLog} one by one.
 * Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorExpLog {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private VectorExpLog() {}

  /**
   * log's polynomial coefficients as vectors built once: broadcast inside {@link #log} they were
   * allocated per call whenever C2 stopped inlining short of the broadcast intrinsic (seen in Spark
   * tasks: 84 bytes per row and pass), and the same bits either way.
   */
  private static final DoubleVector V_LG1 = c(LG1);
  private static final DoubleVector V_LG2 = c(LG2);
  private static final DoubleVector V_LG3 = c(LG3);
  private static final DoubleVector V_LG4 = c(LG4);
  private static final DoubleVector V_LG5 = c(LG5);
  private static final DoubleVector V_LG6 = c(LG6);
  private static final DoubleVector V_LG7 = c(LG7);

  private static DoubleVector c(double v) {
    return DoubleVector.broadcast(S, v);
  }

  /** e^x in every lane, equal to {@link ExpLog#exp} lane by lane. */
  static DoubleVector exp(DoubleVector x) {
    DoubleVector xc = x.min(c(EXP_CLAMP_HIGH)).max(c(EXP_CLAMP_LOW));
    DoubleVector kd = xc.fma(c(LOG2E), c(SHIFT));
    DoubleVector n = kd.sub(SHIFT);
    DoubleVector r = n.fma(c(-LN2_HI), xc);
    r = n.fma(c(-LN2_LO), r);
    DoubleVector p = c(E13).fma(r, c(E12));
    p = p.fma(r, c(E11));
    p = p.fma(r, c(E10));
    p = p.fma(r, c(E9));
    p = p.fma(r, c(E8));
    p = p.fma(r, c(E7));
    p = p.fma(r, c(E6));
    p = p.fma(r, c(E5));
    p = p.fma(r, c(E4));
    p = p.fma(r, c(E3));
    p = p.fma(r, c(E2));
    p = p.fma(r, c(1.0));
    p = p.fma(r, c(1.0));
    DoubleVector half = ((LongVector) kd.reinterpretAsLongs()).add(1022)
        .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    return p.mul(2.0).mul(half);
  }

  /** log x in every lane, equal to {@link ExpLog#log} lane by lane. */
  static DoubleVector log(DoubleVector x) {
    LongVector bits = (LongVector) x.reinterpretAsLongs();
    LongVector e = bits.sub(SQRT_HALF_BITS).lanewise(VectorOperators.ASHR, 52);
    DoubleVector m = bits.sub(e.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
    DoubleVector dk = e.add(SHIFT_BITS).reinterpretAsDoubles().sub(SHIFT);
    DoubleVector f = m.sub(1.0);
    DoubleVector s = f.div(f.add(2.0));
    DoubleVector z = s.mul(s);
    DoubleVector r = V_LG7.fma(z, V_LG6);
    r = r.fma(z, V_LG5);
    r = r.fma(z, V_LG4);
    r = r.fma(z, V_LG3);
    r = r.fma(z, V_LG2);
    r = r.fma(z, V_LG1);
    r = r.mul(z);
    DoubleVector hfsq = f.mul(0.5).mul(f);
    DoubleVector out = dk.mul(LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(LN2_LO))).sub(f));
    VectorMask<Double> normal = x.compare(VectorOperators.GE, Double.MIN_NORMAL)
        .and(x.compare(VectorOperators.LE, Double.MAX_VALUE));
    return normal.allTrue() ? out : special(x, out, normal);
  }

  /**
   * {@link ExpLog#log} in the lanes that are not normal numbers (apart, so that {@link #log} stays
   * small enough for the JIT to inline it, and its vectors stay in registers).
   */
  private static DoubleVector special(DoubleVector x, DoubleVector out, VectorMask<Double> normal) {
    double[] lanes = out.toArray();
    for (int l = 0; l < lanes.length; l++) {
      if (!normal.laneIsSet(l)) {
        lanes[l] = ExpLog.log(x.lane(l));
      }
    }
    return DoubleVector.fromArray(S, lanes, 0);
  }
}
