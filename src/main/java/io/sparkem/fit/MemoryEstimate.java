package io.sparkem.fit;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.sparkem.core.Family;
import io.sparkem.family.gaussian.CovarianceShape;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import io.sparkem.family.hmm.HmmFamily;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The memory one fit (one start of one candidate) holds while it runs, in doubles, from its
 * family, k and d alone — before any of it is allocated. The terms, for a Gaussian mixture with
 * covariance storage C (full k·d², tied d², diag k·d, spherical k) and moment width m (full and
 * tied d(d+1)/2, diag d, spherical 1):
 * <ul>
 *   <li>{@code theta} θ as stored: k weights, k·d means, C;</li>
 *   <li>{@code step} the E-step's precomputed whitening, broadcast with θ: C (the Cholesky
 *       factors), plus, for full and tied covariance, the dense block kernel's own factor of every
 *       component, k·d² (so full keeps 2·k·d², tied (k + 1)·d²);</li>
 *   <li>{@code statistics} one task's sufficient statistics: k·(1 + 2d + m) (weights, centres,
 *       first moments, second moments);</li>
 *   <li>{@code workspace} one task's dense-kernel workspace (full and tied): per-lane
 *       accumulators k·(m + d + 1)·L plus a tile of 4L rows, with L the doubles per vector
 *       register ({@code MaxVectorSize}/8: 8 with AVX-512, 4 with AVX2; 1 without the vector
 *       module).</li>
 * </ul>
 * A hidden Markov model adds k² + k (transitions, start) to θ and the statistics; the other
 * families keep O(k·d) of each, which only matters for a very large d. The forward-backward
 * arrays of one HMM sequence (2·k per record) are not counted.
 */
record MemoryEstimate(double theta, double step, double statistics, double workspace) {

  /** Bytes per double. */
  static final long BYTES = Double.BYTES;

  /** The estimate of one fit of {@code family} with k components in d dimensions. */
  static MemoryEstimate of(Family<?> family, int k, int d) {
    if (family instanceof HmmFamily<?> hmm) {
      MemoryEstimate e = of(hmm.emissionFamily(), k, d);
      double chain = (double) k * k + k;
      return new MemoryEstimate(e.theta + chain, e.step + (double) k * k, e.statistics + chain, e.workspace);
    }
    if (family instanceof GaussianFamily gaussian) {
      return gaussian(gaussian.shape(), k, d);
    }
    if (family instanceof io.sparkem.family.regression.RegressionFamily) {
      // p ≤ d + 1 coefficients per component; statistics are packed (p+1)(p+2)/2 Gram matrices of
      // (x̃, y) beside the reference coefficients they are centred on.
      double p = d + 1.0;
      double packed = (p + 1) * (p + 2) / 2;
      return new MemoryEstimate(k * (p + 2), k * (p + 2), k * (1 + p + packed), k * (packed + 1) * lanes());
    }
    double perComponent = d + 2.0;
    return new MemoryEstimate(k * perComponent, k * perComponent, k * (perComponent + d), 0);
  }

  private static MemoryEstimate gaussian(CovarianceShape shape, int k, int d) {
    CovarianceType type = shape.type();
    double dd = (double) d * d;
    double storage = switch (type) {
      case FULL -> k * dd;
      case TIED -> dd;
      case DIAG -> (double) k * d;
      case SPHERICAL -> k;
    };
    double moment = shape.momentWidth(d);
    double theta = k + (double) k * d + storage;
    double step = storage + (shape.denseBlockKernel() ? k * dd : 0) + (double) k * d;
    double statistics = k * (1 + 2.0 * d + moment);
    int lanes = lanes();
    double workspace = shape.denseBlockKernel()
        ? k * (moment + d + 1) * lanes + 4.0 * lanes * (2.0 * d + k + 2) : 0;
    return new MemoryEstimate(theta, step, statistics, workspace);
  }

  /** The sum of two estimates (fits that share a pass). */
  MemoryEstimate plus(MemoryEstimate o) {
    return new MemoryEstimate(theta + o.theta, step + o.step, statistics + o.statistics, workspace + o.workspace);
  }

  /**
   * Bytes the driver holds: θ and the next θ, the E-step, the broadcast's serialised copy of both,
   * and the statistics of {@code results} partitions collected at once; in local mode also
   * {@code localTasks} tasks' statistics and workspaces.
   */
  double driverBytes(int results, int localTasks) {
    return BYTES * (2 * theta + step + (theta + step) + results * statistics
        + localTasks * (statistics + workspace));
  }

  /** Bytes one executor running {@code tasks} tasks at once holds: the broadcast and each task's share. */
  double executorBytes(int tasks) {
    return BYTES * (2 * (theta + step) + tasks * (statistics + workspace));
  }

  /** The parts of {@link #driverBytes} in words, for the message of a refused fit. */
  String breakdown(int results, int tasks) {
    return "parameters and their whitening " + size(BYTES * (3 * theta + 2 * step))
        + ", statistics " + size(BYTES * (results + tasks) * statistics)
        + (workspace > 0 ? ", kernel workspaces " + size(BYTES * tasks * workspace) + " for " + tasks
            + " concurrent task" + (tasks == 1 ? "" : "s") : "");
  }

  /** 1.5 GB, 320 MB, 12 kB. */
  static String size(double bytes) {
    if (bytes >= 1e9) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1e6) {
      return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.0f kB", Math.max(1, bytes / 1e3));
  }

  /** Doubles per vector register the dense kernel uses (see the class comment). */
  static int lanes() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return 1;
    }
    try {
      HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return Math.max(1, Integer.parseInt(hotspot.getVMOption("MaxVectorSize").getValue()) / Double.BYTES);
    } catch (RuntimeException e) {
      return 8; // the widest registers: an upper bound
    }
  }
}
