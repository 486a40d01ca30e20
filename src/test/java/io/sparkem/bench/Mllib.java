package io.sparkem.bench;

import io.sparkem.core.Block;
import io.sparkem.family.gaussian.CovarianceShape;
import io.sparkem.family.gaussian.GaussianMixture;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;

/**
 * The bridge to Spark MLlib's RDD-based GaussianMixture, the independent implementation spark-em is
 * compared with: the same θ in both representations, MLlib's own log-likelihood, and the size of
 * the difference between two θ.
 */
public final class Mllib {

  private Mllib() {}

  /** MLlib's {@code EPSILON} (MLUtils.EPSILON): what it adds to every π_j·f_j(x). */
  static final double EPSILON = Math.ulp(1.0);

  /** The records of cached blocks as MLlib vectors (weights dropped: MLlib has none; use unit weights). */
  public static JavaRDD<Vector> vectors(JavaRDD<Block> blocks) {
    return blocks.flatMap(b -> {
      List<Vector> out = new ArrayList<>(b.rows());
      int d = b.dim();
      for (int i = 0; i < b.rows(); i++) {
        out.add(Vectors.dense(java.util.Arrays.copyOfRange(b.x(), i * d, (i + 1) * d)));
      }
      return out.iterator();
    });
  }

  public static GaussianMixtureModel toMllib(GaussianMixture theta) {
    int d = theta.dimension();
    MultivariateGaussian[] g = new MultivariateGaussian[theta.k()];
    for (int j = 0; j < g.length; j++) {
      // Σ is symmetric: its row-major array is also its column-major one.
      g[j] = new MultivariateGaussian(Vectors.dense(theta.means()[j].clone()),
          Matrices.dense(d, d, theta.fullCovariance(j)));
    }
    return new GaussianMixtureModel(theta.weights().clone(), g);
  }

  public static GaussianMixture fromMllib(GaussianMixtureModel m, CovarianceShape shape) {
    int k = m.k();
    double[][] means = new double[k][];
    double[][] cov = new double[k][];
    for (int j = 0; j < k; j++) {
      means[j] = m.gaussians()[j].mu().toArray();
      cov[j] = shape.fromFull(m.gaussians()[j].sigma().toArray(), means[j].length);
    }
    return new GaussianMixture(shape, m.weights().clone(), means, cov);
  }

  /**
   * MLlib's log-likelihood of {@code model}, by its own definition (ExpectationSum.add):
   * Σ_i log Σ_j (EPSILON + π_j·f_j(x_i)), with MLlib's own density.
   */
  public static double logLikelihood(JavaRDD<Vector> data, GaussianMixtureModel model) {
    double[] w = model.weights();
    MultivariateGaussian[] g = model.gaussians();
    return data.mapToDouble(x -> {
      double p = 0;
      for (int j = 0; j < w.length; j++) {
        p += EPSILON + w[j] * g[j].pdf(x);
      }
      return Math.log(p);
    }).sum();
  }

  /**
   * The largest relative difference of two θ of the same shape, per part: {weights, means,
   * covariances}. A mean's difference is relative to the larger of |μ_j|∞ and the component's
   * largest standard deviation (the scale on which a mean is known); a covariance's to |Σ_j|max.
   */
  public static double[] difference(GaussianMixture a, GaussianMixture b) {
    int d = a.dimension();
    double dw = 0;
    double dm = 0;
    double dc = 0;
    for (int j = 0; j < a.k(); j++) {
      dw = Math.max(dw, Math.abs(a.weights()[j] - b.weights()[j]) / Math.abs(a.weights()[j]));
      double[] ca = a.fullCovariance(j);
      double[] cb = b.fullCovariance(j);
      double scale = 0;
      double covMax = 0;
      for (int x = 0; x < d; x++) {
        scale = Math.max(scale, Math.max(Math.abs(a.means()[j][x]), Math.sqrt(ca[x * d + x])));
      }
      for (double v : ca) {
        covMax = Math.max(covMax, Math.abs(v));
      }
      for (int x = 0; x < d; x++) {
        dm = Math.max(dm, Math.abs(a.means()[j][x] - b.means()[j][x]) / scale);
      }
      for (int x = 0; x < d * d; x++) {
        dc = Math.max(dc, Math.abs(ca[x] - cb[x]) / covMax);
      }
    }
    return new double[] {dw, dm, dc};
  }
}
