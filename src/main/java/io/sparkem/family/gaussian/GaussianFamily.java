package io.sparkem.family.gaussian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.MStepResult;
import io.sparkem.core.MissingValues;
import io.sparkem.core.RecordCheck;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import io.sparkem.family.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Gaussian mixtures with any {@link CovarianceType}. M-step (Bishop 2006, §9.2.2):
 * π_j = N_j / N, μ_j = c_j + S₁/N_j, Σ_j = S₂/N_j − δδᵀ + reg·I with δ = S₁/N_j and the statistics
 * centred on c_j (see {@link GaussianStats}); the diag, tied and spherical variants of Σ_j are
 * their {@link CovarianceShape}'s.
 */
public final class GaussianFamily implements Family<GaussianMixture> {

  /** Below this Σ r a component counts as empty: its statistics are all rounding. */
  static final double EMPTY = 1e-300;

  private final CovarianceShape shape;
  private final double regCovar;
  private final boolean fixWeights;
  /** {@code --missing marginalize}: NaN cells are missing at random (see {@link IncompleteRows}). */
  private final boolean marginalize;

  public GaussianFamily(CovarianceShape shape, double regCovar, boolean fixWeights) {
    this(shape, regCovar, fixWeights, false);
  }

  public GaussianFamily(CovarianceShape shape, double regCovar, boolean fixWeights, boolean marginalize) {
    this.shape = shape;
    this.regCovar = regCovar;
    this.fixWeights = fixWeights;
    this.marginalize = marginalize;
  }

  /** The family of covariance {@code type} with the M-step options that concern it. */
  public static GaussianFamily of(CovarianceType type, FamilyOptions options) {
    return new GaussianFamily(type.shape(), options.regCovar(), options.fixWeights(),
        options.missing() == MissingValues.MARGINALIZE);
  }

  /** Whether NaN cells are integrated out rather than rejected. */
  public boolean marginalizes() {
    return marginalize;
  }

  /**
   * With {@code --missing marginalize} a missing cell is valid, but a record needs at least one
   * observed feature: one with none carries no information and is bad input.
   */
  @Override
  public RecordCheck recordCheck() {
    return marginalize ? new ObservedFeatureCheck() : RecordCheck.ANY;
  }

  public CovarianceShape shape() {
    return shape;
  }

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public double[] weights(GaussianMixture theta) {
    return theta.weights().clone();
  }

  @Override
  public EStep eStep(GaussianMixture theta) {
    return new GaussianEStep(theta, marginalize);
  }

  /** {@link GaussianStats} as model.json holds them: centres first, then the sums around them. */
  @Override
  public SufficientStats readStatistics(JsonNode node, GaussianMixture theta) {
    return new GaussianStats(shape, GaussianStats.centresOf(node, theta.k(), theta.dimension())).readJson(node);
  }

  @Override
  public MStepResult<GaussianMixture> mStep(SufficientStats stats, GaussianMixture previous) {
    List<String> warnings = new ArrayList<>();
    GaussianMixture next = estimate((GaussianStats) stats, previous.weights(), previous.covariances(),
        previous.means(), warnings);
    return new MStepResult<>(next, warnings);
  }

  /**
   * θ from statistics. Components with no weight keep {@code fallbackMeans}/{@code fallbackCov}
   * and get weight 0 (reported); with {@code fixWeights} the weights stay {@code fallbackWeights}.
   */
  private GaussianMixture estimate(GaussianStats s, double[] fallbackWeights, double[][] fallbackCov,
      double[][] fallbackMeans, List<String> warnings) {
    int k = s.k();
    int d = s.centres[0].length;
    double[] n = new double[k];
    double total = 0;
    double[][] delta = new double[k][d];
    double[][] means = new double[k][];
    for (int j = 0; j < k; j++) {
      n[j] = s.componentWeight(j) > EMPTY ? s.componentWeight(j) : 0;
      total += n[j];
      if (n[j] == 0) {
        means[j] = fallbackMeans[j];
        warnings.add("component " + j + " received no weight; it keeps its last mean and "
            + "covariance with weight 0 (consider a smaller --k)");
        continue;
      }
      means[j] = new double[d];
      for (int a = 0; a < d; a++) {
        delta[j][a] = s.first[j][a] / n[j];
        means[j][a] = s.centres[j][a] + delta[j][a];
      }
    }
    double[][] cov = shape.estimate(n, delta, s.moment, fallbackCov, regCovar, d, warnings);
    double[] weights = new double[k];
    for (int j = 0; j < k; j++) {
      weights[j] = fixWeights ? fallbackWeights[j] : n[j] / total;
    }
    return new GaussianMixture(shape, weights, means, cov);
  }

  @Override
  public GaussianMixture fromClustering(Block sample, int[] labels, int k) {
    int d = sample.dim();
    double[][] centres = new double[k][d];
    double[] count = new double[k];
    int[] rows = new int[k];
    for (int i = 0; i < sample.rows(); i++) {
      rows[labels[i]]++;
      count[labels[i]] += sample.w()[i];
      for (int a = 0; a < d; a++) {
        centres[labels[i]][a] += sample.w()[i] * sample.get(i, a);
      }
    }
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        centres[j][a] = count[j] > 0 ? centres[j][a] / count[j] : sample.get(firstRow(labels, j), a);
      }
    }
    GaussianStats hard = new GaussianStats(shape, centres);
    double[] resp = new double[sample.rows() * k];
    for (int i = 0; i < sample.rows(); i++) {
      resp[i * k + labels[i]] = sample.w()[i];
    }
    hard.addHard(sample, resp);
    // A cluster too small to estimate a covariance starts from the pooled one.
    double[] pooled = pooledCovariance(sample, d);
    double[][] fallbackCov = new double[k][];
    double[] equal = new double[k];
    for (int j = 0; j < k; j++) {
      fallbackCov[j] = pooled;
      equal[j] = 1.0 / k;
      if (!shape.estimable(rows[j], d)) {
        hard.clear(j);
      }
    }
    GaussianMixture theta = estimate(hard, equal, fallbackCov, centres, new ArrayList<>());
    // Weights from the clustering even where the covariance fell back.
    double[] weights = new double[k];
    for (int j = 0; j < k; j++) {
      weights[j] = fixWeights ? equal[j] : Math.max(count[j], 1e-12) / sum(count, 1e-12);
    }
    return new GaussianMixture(shape, weights, theta.means(), theta.covariances());
  }

  private static int firstRow(int[] labels, int j) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == j) {
        return i;
      }
    }
    throw new IllegalArgumentException("label " + j + " is unused");
  }

  private static double sum(double[] a, double floor) {
    double s = 0;
    for (double v : a) {
      s += Math.max(v, floor);
    }
    return s;
  }

  /**
   * The weighted covariance of the whole sample in the shape's storage, from a one-component
   * {@link GaussianStats} centred on the sample mean (O(rows · momentWidth): no d × d work for diag
   * and spherical). Diagonal a gets max(reg, 1e-6·max(1, var_a)): never below reg, and never
   * exactly singular when the sample has a constant feature.
   */
  private double[] pooledCovariance(Block sample, int d) {
    double[] mean = new double[d];
    double w = 0;
    for (int i = 0; i < sample.rows(); i++) {
      w += sample.w()[i];
      for (int a = 0; a < d; a++) {
        mean[a] += sample.w()[i] * sample.get(i, a);
      }
    }
    for (int a = 0; a < d; a++) {
      mean[a] /= w;
    }
    double[] variance = new double[d];
    for (int i = 0; i < sample.rows(); i++) {
      for (int a = 0; a < d; a++) {
        double y = sample.get(i, a) - mean[a];
        variance[a] += sample.w()[i] * y * y / w;
      }
    }
    double[] floor = new double[d];
    for (int a = 0; a < d; a++) {
      floor[a] = Math.max(regCovar, 1e-6 * Math.max(1.0, variance[a]));
    }
    GaussianStats all = new GaussianStats(shape, new double[][] {mean});
    all.addHard(sample, sample.w());
    double n = all.componentWeight(0);
    double[] delta = new double[d];
    for (int a = 0; a < d; a++) {
      delta[a] = all.first[0][a] / n;
    }
    double[] cov = shape.estimate(new double[] {n}, new double[][] {delta}, all.moment,
        new double[1][], 0, d, new ArrayList<>())[0];
    return shape.addToDiagonal(cov, floor, d);
  }

  @Override
  public void writeJson(GaussianMixture theta, ObjectNode root) {
    root.put("covariance", shape.type().cliName());
    ArrayNode components = root.putArray("components");
    int d = theta.dimension();
    for (int j = 0; j < theta.k(); j++) {
      ObjectNode c = components.addObject();
      c.put("weight", theta.weights()[j]);
      JsonFields.putVector(c, "mean", theta.means()[j]);
      JsonFields.putMatrix(c, "covariance", theta.fullCovariance(j), d);
    }
  }

  @Override
  public GaussianMixture readJson(JsonNode root) {
    String type = root.path("covariance").asText("full");
    if (!type.equals(shape.type().cliName())) {
      throw new UserError("the model has covariance '" + type + "' but the fit asks for '"
          + shape.type().cliName() + "'; pass --covariance " + type);
    }
    JsonNode comps = JsonFields.components(root);
    int k = comps.size();
    int d = JsonFields.vector(comps.get(0), "mean", -1).length;
    double[] weights = new double[k];
    double[][] means = new double[k][];
    double[][] full = new double[k][];
    for (int j = 0; j < k; j++) {
      JsonNode c = comps.get(j);
      weights[j] = JsonFields.number(c, "weight");
      means[j] = JsonFields.vector(c, "mean", d);
      full[j] = JsonFields.matrix(c, "covariance", d);
    }
    JsonFields.checkWeights(weights);
    double[][] cov = shape.componentsFromFull(full, d);
    return new GaussianMixture(shape, weights, means, cov);
  }

  @Override
  public java.util.Optional<io.sparkem.core.ParameterMap<GaussianMixture>> parameterMap() {
    return java.util.Optional.of(new GaussianParameterMap(shape, fixWeights));
  }

  @Override
  public java.util.Optional<io.sparkem.core.Generative<GaussianMixture>> generator() {
    return java.util.Optional.of(new GaussianGenerator(shape));
  }

  @Override
  public Class<GaussianMixture> modelClass() {
    return GaussianMixture.class;
  }

  /** Its sums of squares overflow from values of about 1e150 on (see {@link Family#squaresValues}). */
  @Override
  public boolean squaresValues() {
    return true;
  }
}
