package io.sparkem.family.hmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Alphabet;
import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.MStepResult;
import io.sparkem.core.MixtureEStep;
import io.sparkem.core.Model;
import io.sparkem.core.RecordCheck;
import io.sparkem.core.SufficientStats;
import io.sparkem.family.multinomial.MultinomialMixture;
import java.util.ArrayList;
import java.util.List;

/**
 * Hidden Markov models fitted by Baum–Welch (Baum et al. 1970; Rabiner 1989, eq. 40) in the one EM
 * loop. M-step from {@link HmmStats}:
 * <pre>
 *   π_i  = Σ_s γ_0(i) / S                 (S sequences)
 *   a_ij = Σ ξ_t(i, j) / Σ_j' Σ ξ_t(i, j')
 * </pre>
 * and the emission parameters by the emission family's own M-step on its statistics weighted by
 * γ. A state never left (no expected transitions out) keeps its row of the previous θ.
 *
 * <p>Start ({@link #fromClustering}): the emission family's start from the clustering, refined by
 * {@value #MIXTURE_ITERATIONS} EM iterations of the emission mixture on the sample (states =
 * components, records taken as independent), then π = the mixture weights and the sticky
 * transitions a_ij = {@value #STICKINESS}·δ_ij + (1 − {@value #STICKINESS})·π_j.
 *
 * @param <E> the emission family's θ
 */
public final class HmmFamily<E extends Model> implements Family<HiddenMarkovModel<E>> {

  /** Iterations of the emission mixture fit that gives the starting emissions. */
  static final int MIXTURE_ITERATIONS = 20;
  /** Weight of "stay" in the starting transition matrix. */
  static final double STICKINESS = 0.8;

  private final Emission kind;
  private final Family<E> emission;
  /** Categorical: the symbols, ascending, once the data are read; null otherwise. */
  private final Alphabet alphabet;

  private HmmFamily(Emission kind, Family<E> emission, Alphabet alphabet) {
    this.kind = kind;
    this.emission = emission;
    this.alphabet = alphabet;
  }

  /**
   * The HMM whose states emit by {@code emission}, a mixture family of kind {@code kind} (the
   * registry builds it from the entry that declares that emission).
   */
  public static <E extends Model> HmmFamily<E> wrap(Emission kind, Family<E> emission) {
    return new HmmFamily<>(kind, emission, null);
  }

  /** Categorical emissions: each record is one symbol, read as a one-hot row over the alphabet. */
  @Override
  public boolean readsSymbols() {
    return kind == Emission.CATEGORICAL;
  }

  /** This family for categorical data read with {@code alphabet}. */
  @Override
  public HmmFamily<E> withAlphabet(Alphabet alphabet) {
    return new HmmFamily<>(kind, emission, alphabet);
  }

  @Override
  public java.util.Optional<Alphabet> alphabet() {
    return java.util.Optional.ofNullable(alphabet);
  }

  public Emission emissionKind() {
    return kind;
  }

  public Family<E> emissionFamily() {
    return emission;
  }

  @Override
  public String name() {
    return "hmm";
  }

  @Override
  public HmmEStep eStep(HiddenMarkovModel<E> theta) {
    EStep e = emission.eStep(theta.emission());
    if (!(e instanceof MixtureEStep m)) {
      throw new IllegalStateException(emission.name() + " has no per-component densities");
    }
    return new HmmEStep(theta, m);
  }

  /** {@link HmmStats} as model.json holds them, the emission's read by the emission family. */
  @Override
  public SufficientStats readStatistics(JsonNode node, HiddenMarkovModel<E> theta) {
    JsonNode e = node.path("emission");
    if (!e.isObject()) {
      throw new io.sparkem.core.UserError("statistics: 'emission' must be an object; expected the statistics a fit "
          + "wrote into model.json");
    }
    return HmmStats.readJson(node, theta.k(), (io.sparkem.core.MixtureStats) emission.readStatistics(e,
        theta.emission()));
  }

  @Override
  public MStepResult<HiddenMarkovModel<E>> mStep(SufficientStats stats, HiddenMarkovModel<E> previous) {
    HmmStats s = (HmmStats) stats;
    int k = previous.k();
    double[] start = normalised(s.start, 0, k, previous.start());
    double[][] trans = new double[k][];
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      trans[i] = normalised(s.transitions, i * k, k, previous.transitions()[i]);
    }
    MStepResult<E> e = emission.mStep(s.emission, previous.emission());
    for (String w : e.warnings()) {
      warnings.add(w.replace("component ", "state "));
    }
    return new MStepResult<>(new HiddenMarkovModel<>(start, trans, e.model()), warnings);
  }

  /** counts[off..off+k) scaled to sum to 1, or {@code fallback} when they sum to (about) 0. */
  private static double[] normalised(double[] counts, int off, int k, double[] fallback) {
    double total = 0;
    for (int j = 0; j < k; j++) {
      total += counts[off + j];
    }
    if (!(total > 1e-300)) {
      return fallback.clone();
    }
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      p[j] = counts[off + j] / total;
    }
    return p;
  }

  @Override
  public HiddenMarkovModel<E> fromClustering(Block sample, int[] labels, int k) {
    E start = emission.fromClustering(sample, labels, k);
    Block records = new Block(sample.rows(), sample.dim(), sample.x(), sample.w());
    E fitted = EmLoop.run(emission, start, LocalStatisticsSource.of(records),
        new EmOptions(MIXTURE_ITERATIONS, 1e-6), (fit, entry, delta) -> { }).model();
    double[] weights = startWeights(fitted, k);
    return sticky(weights, kind == Emission.CATEGORICAL ? halfwayToMarginal(fitted) : fitted);
  }

  /**
   * A mixture of single categorical draws is not identifiable — every split of the symbol
   * frequencies into components is a maximum — and its EM ends near a partition of the alphabet
   * (one state per group of symbols). Started there, Baum–Welch sees states that the symbol alone
   * decides and finds no temporal structure. Each state's p therefore starts halfway between the
   * mixture's component and the marginal symbol frequencies: still distinct per state, no longer
   * decided by one symbol.
   */
  @SuppressWarnings("unchecked")
  private E halfwayToMarginal(E fitted) {
    MultinomialMixture m = (MultinomialMixture) fitted;
    int k = m.k();
    int d = m.dimension();
    double[] marginal = new double[d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        marginal[a] += m.weights()[j] * m.p()[j][a];
      }
    }
    double[][] p = new double[k][d];
    for (int j = 0; j < k; j++) {
      double s = 0;
      for (int a = 0; a < d; a++) {
        p[j][a] = 0.5 * m.p()[j][a] + 0.5 * marginal[a];
        s += p[j][a];
      }
      for (int a = 0; a < d; a++) {
        p[j][a] /= s;
      }
    }
    return (E) new MultinomialMixture(m.weights(), p);
  }

  /** θ with start π = {@code weights} and a_ij = s·δ_ij + (1 − s)·π_j. */
  HiddenMarkovModel<E> sticky(double[] weights, E emissionTheta) {
    int k = weights.length;
    double[][] trans = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        trans[i][j] = (1 - STICKINESS) * weights[j] + (i == j ? STICKINESS : 0);
      }
    }
    return new HiddenMarkovModel<>(weights.clone(), trans, emissionTheta);
  }

  /** The mixing weights of an emission θ, each at least 1e-3, rescaled to sum to 1. */
  private double[] startWeights(E theta, int k) {
    double[] mixing = emission.weights(theta);
    double[] w = new double[k];
    double total = 0;
    for (int j = 0; j < k; j++) {
      w[j] = Math.max(1e-3, mixing[j]);
      total += w[j];
    }
    for (int j = 0; j < k; j++) {
      w[j] /= total;
    }
    return w;
  }

  @Override
  public RecordCheck recordCheck() {
    return emission.recordCheck();
  }

  /** The start probabilities π. */
  @Override
  public double[] weights(HiddenMarkovModel<E> theta) {
    return theta.start().clone();
  }

  /**
   * model.json's {@code sequences}: the number of sequences of the last pass. (The sequence and
   * order columns are the fit service's to write: they are settings, not θ.)
   */
  @Override
  public void writeFitFields(io.sparkem.core.FitResult<HiddenMarkovModel<E>> fit, ObjectNode root) {
    root.put("sequences", ((HmmStats) fit.finalStats()).sequences());
  }

  /** model.json's fields of θ ({@link HmmJson#write}). */
  @Override
  public void writeJson(HiddenMarkovModel<E> theta, ObjectNode root) {
    HmmJson.write(kind, emission, alphabet, theta, root);
  }

  /** θ from model.json ({@link HmmJson#read}). */
  @Override
  public HiddenMarkovModel<E> readJson(JsonNode root) {
    return HmmJson.read(kind, emission, alphabet, root);
  }

  @SuppressWarnings("unchecked")
  @Override
  public Class<HiddenMarkovModel<E>> modelClass() {
    return (Class<HiddenMarkovModel<E>>) (Class<?>) HiddenMarkovModel.class;
  }

  /** Its sums of squares overflow from values of about 1e150 on (see {@link Family#squaresValues}). */
  @Override
  public boolean squaresValues() {
    return emissionFamily().squaresValues();
  }
}
