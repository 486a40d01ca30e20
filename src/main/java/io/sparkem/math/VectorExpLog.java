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
import static io.sparkem.math.ExpLog.EXP_LARGE;
import static io.sparkem.math.ExpLog.EXP_UNDERFLOW;
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
 * so every lane has the bits that {@link ExpLog} gives for it, compiled or interpreted. Lanes
 * outside the common range (exp above 709, log of a non-normal or infinite value) are rare in the
 * E-step and are handed to {@link ExpLog} one by one; exp below {@link ExpLog#EXP_UNDERFLOW} is
 * 0 by a blend. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorExpLog {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private VectorExpLog() {}

  private static DoubleVector c(double v) {
    return DoubleVector.broadcast(S, v);
  }

  /** e^x in every lane, equal to {@link ExpLog#exp} lane by lane. */
  static DoubleVector exp(DoubleVector x) {
    DoubleVector kd = x.fma(c(LOG2E), c(SHIFT));
    DoubleVector n = kd.sub(SHIFT);
    DoubleVector r = n.fma(c(-LN2_HI), x);
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
    DoubleVector scale = ((LongVector) kd.reinterpretAsLongs()).add(1023)
        .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    DoubleVector e = p.mul(scale).blend(0.0, x.compare(VectorOperators.LT, EXP_UNDERFLOW));
    VectorMask<Double> large = x.compare(VectorOperators.GT, EXP_LARGE);
    if (large.anyTrue()) {
      double[] lanes = e.toArray();
      for (int l = 0; l < lanes.length; l++) {
        if (large.laneIsSet(l)) {
          lanes[l] = ExpLog.exp(x.lane(l));
        }
      }
      e = DoubleVector.fromArray(S, lanes, 0);
    }
    return e;
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
    DoubleVector r = c(LG7).fma(z, c(LG6));
    r = r.fma(z, c(LG5));
    r = r.fma(z, c(LG4));
    r = r.fma(z, c(LG3));
    r = r.fma(z, c(LG2));
    r = r.fma(z, c(LG1));
    r = r.mul(z);
    DoubleVector hfsq = f.mul(0.5).mul(f);
    DoubleVector out = dk.mul(LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(LN2_LO))).sub(f));
    VectorMask<Double> special = x.compare(VectorOperators.GE, Double.MIN_NORMAL).not()
        .or(x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    if (special.anyTrue()) {
      double[] lanes = out.toArray();
      for (int l = 0; l < lanes.length; l++) {
        if (special.laneIsSet(l)) {
          lanes[l] = ExpLog.log(x.lane(l));
        }
      }
      out = DoubleVector.fromArray(S, lanes, 0);
    }
    return out;
  }
}
