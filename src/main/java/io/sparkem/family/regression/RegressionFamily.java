package io.sparkem.family.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.Generative;
import io.sparkem.core.MStepResult;
import io.sparkem.core.ParameterMap;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import io.sparkem.family.JsonFields;
import io.sparkem.family.MixingWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Mixtures of linear regressions, y | x ~ Σ_j π_j N(x̃ᵀβ_j, σ_j²) (DeSarbo &amp; Cron 1988). Records
 * are block rows (x_1, …, x_d, y): the loader appends the response to the covariates. The
 * log-likelihood is that of y given x.
 *
 * <p>M-step, per component j with N_j = Σ_i w_i r_ij (mixtools {@code regmixEM}; McLachlan &amp;
 * Peel 2000, §5.13): π_j = N_j / N; β_j the weighted least-squares fit, solving
 * (X̃ᵀR_jX̃) β_j = X̃ᵀR_j y by Cholesky ({@link NormalEquations}); σ_j² = RSS_j / N_j + reg, where
 * reg is {@code --reg-covar} (default 1e-6): like sklearn's {@code reg_covar} on a Gaussian
 * covariance it keeps a component that fits its records exactly from a variance of 0, where the
 * likelihood is unbounded. Covariates collinear over all the records are the user's to fix
 * ({@link CollinearCovariatesException}, exit 2); one component's rank-deficient Gram matrix (too
 * few records) is solved with a small ridge and a warning.
 *
 * <p>Starts: {@link RegressionStart}.
 */
public final class RegressionFamily implements Family<RegressionMixture> {

  private final boolean intercept;
  private final double regCovar;
  private final boolean fixWeights;

  /**
   * @param intercept  whether x̃ = (1, x) (the default) or x̃ = x ({@code --no-intercept})
   * @param regCovar   added to every σ_j², {@code >= 0}
   * @param fixWeights keep the starting mixing weights
   */
  public RegressionFamily(boolean intercept, double regCovar, boolean fixWeights) {
    if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
      throw new IllegalArgumentException("regCovar must be a finite number >= 0, got " + regCovar);
    }
    this.intercept = intercept;
    this.regCovar = regCovar;
    this.fixWeights = fixWeights;
  }

  /** The family for the numerical options and the intercept choice. */
  public static RegressionFamily of(FamilyOptions options, boolean intercept) {
    return new RegressionFamily(intercept, options.regCovar(), options.fixWeights());
  }

  public boolean intercept() {
    return intercept;
  }

  double regCovar() {
    return regCovar;
  }

  boolean fixWeights() {
    return fixWeights;
  }

  @Override
  public String name() {
    return "regression";
  }

  /** {@link RegressionStats} as model.json holds them: the references first, then the sums around them. */
  @Override
  public io.sparkem.core.SufficientStats readStatistics(com.fasterxml.jackson.databind.JsonNode node,
      RegressionMixture theta) {
    int p = theta.coefficients()[0].length;
    return new RegressionStats(RegressionStats.referencesOf(node, theta.k(), p), intercept).readJson(node);
  }

  /** The covariates, then the response the loader appends. */
  @Override
  public int blockWidth(int dimension) {
    return dimension + 1;
  }

  @Override
  public double[] weights(RegressionMixture theta) {
    return theta.weights();
  }

  @Override
  public EStep eStep(RegressionMixture theta) {
    checkIntercept(theta);
    return new RegressionEStep(theta);
  }

  @Override
  public MStepResult<RegressionMixture> mStep(SufficientStats stats, RegressionMixture previous) {
    RegressionStats s = (RegressionStats) stats;
    List<String> warnings = new ArrayList<>();
    double[] weights = MixingWeights.estimate(s, previous.weights(), fixWeights, warnings);
    checkRank(s);
    int k = s.k();
    int p = s.p;
    double[][] beta = new double[k][];
    double[] variance = new double[k];
    for (int j = 0; j < k; j++) {
      if (MixingWeights.isEmpty(s, j)) {
        beta[j] = previous.coefficients()[j];
        variance[j] = previous.variances()[j];
        continue;
      }
      NormalEquations.Fit fit = NormalEquations.solve(s.moment(j), p, s.reference[j]);
      if (fit.ridged()) {
        warnings.add("component " + j + ": the covariates of its records are collinear (too few records, "
            + "or records on a subspace); the coefficients they do not determine keep their last values");
      }
      if (regCovar == 0 && fit.exact()) {
        throw new UserError("component " + j + " fits its records exactly (residual variance "
            + fit.rss() / s.componentWeight(j) + "): the likelihood is unbounded there; pass --reg-covar "
            + "(e.g. 1e-6, the default) or lower --k");
      }
      beta[j] = fit.coefficients();
      variance[j] = fit.rss() / s.componentWeight(j) + regCovar;
    }
    return new MStepResult<>(new RegressionMixture(weights, beta, variance, intercept), warnings);
  }

  /** Covariates collinear over all the records the statistics hold are the user's to fix. */
  private void checkRank(RegressionStats s) {
    int p = s.p;
    double[] pooled = new double[p * p];
    for (int j = 0; j < s.k(); j++) {
      double[] g = NormalEquations.gram(s.moment(j), p);
      for (int a = 0; a < g.length; a++) {
        pooled[a] += g[a];
      }
    }
    Optional<NormalEquations.Dependence> dep = NormalEquations.dependence(pooled, p);
    if (dep.isPresent()) {
      throw CollinearCovariatesException.of(dep.get(), intercept);
    }
  }

  @Override
  public RegressionMixture fromClustering(Block sample, int[] labels, int k) {
    return RegressionStart.fromPartition(this, sample, labels, k);
  }

  /** The best of several short EM runs on the sample ({@link RegressionStart}). */
  @Override
  public RegressionMixture improveStart(Block sample, RegressionMixture start, RandomGenerator rng) {
    return RegressionStart.improve(this, sample, start, rng);
  }

  private void checkIntercept(RegressionMixture theta) {
    if (theta.intercept() != intercept) {
      throw new IllegalArgumentException("a θ " + (theta.intercept() ? "with" : "without")
          + " an intercept for a family " + (intercept ? "with" : "without") + " one");
    }
  }

  /** {@code intercept} at the root; per component {@code weight}, {@code coefficients}, {@code variance}. */
  @Override
  public void writeJson(RegressionMixture theta, ObjectNode root) {
    root.put("intercept", theta.intercept());
    ArrayNode components = root.putArray("components");
    for (int j = 0; j < theta.k(); j++) {
      ObjectNode c = components.addObject();
      c.put("weight", theta.weights()[j]);
      JsonFields.putVector(c, "coefficients", theta.coefficients()[j]);
      c.put("variance", theta.variances()[j]);
    }
  }

  @Override
  public RegressionMixture readJson(JsonNode root) {
    JsonNode flag = root.path("intercept");
    if (!flag.isMissingNode() && !flag.isBoolean()) {
      throw new UserError("model.json: 'intercept' must be true or false");
    }
    if (flag.isBoolean() && flag.asBoolean() != intercept) {
      throw new UserError("the model has " + (flag.asBoolean() ? "an intercept" : "no intercept")
          + " but the fit asks for " + (intercept ? "one" : "none") + "; "
          + (flag.asBoolean() ? "drop --no-intercept" : "pass --no-intercept"));
    }
    JsonNode comps = JsonFields.components(root);
    int k = comps.size();
    int p = JsonFields.vector(comps.get(0), "coefficients", -1).length;
    if (p < (intercept ? 2 : 1)) {
      throw new UserError("model.json: 'coefficients' must hold " + (intercept ? "the intercept and " : "")
          + "one coefficient per feature");
    }
    double[] weights = new double[k];
    double[][] beta = new double[k][];
    double[] variance = new double[k];
    for (int j = 0; j < k; j++) {
      JsonNode c = comps.get(j);
      weights[j] = JsonFields.number(c, "weight");
      beta[j] = JsonFields.vector(c, "coefficients", p);
      variance[j] = JsonFields.number(c, "variance");
      if (!(variance[j] > 0)) {
        throw new UserError("model.json: component " + j + ": 'variance' is " + variance[j] + ", not > 0");
      }
    }
    JsonFields.checkWeights(weights);
    return new RegressionMixture(weights, beta, variance, intercept);
  }

  /** [clr(π), β_1 … β_k, log σ_1² … log σ_k²] ({@link RegressionParameterMap}). */
  @Override
  public Optional<ParameterMap<RegressionMixture>> parameterMap() {
    return Optional.of(new RegressionParameterMap(fixWeights));
  }

  @Override
  public Optional<Generative<RegressionMixture>> generator() {
    return Optional.of(new RegressionGenerator(intercept));
  }

  @Override
  public Class<RegressionMixture> modelClass() {
    return RegressionMixture.class;
  }

  /** Its sums of squares overflow from values of about 1e150 on (see {@link Family#squaresValues}). */
  @Override
  public boolean squaresValues() {
    return true;
  }
}
