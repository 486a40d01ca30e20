package io.sparkem.family;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.EStep;
import io.sparkem.core.EmLoop;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.FitResult;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.MStepResult;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.Model;
import io.sparkem.core.ParameterMap;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.TraceEntry;
import io.sparkem.init.InitMethod;
import io.sparkem.init.Initializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every family's test extends: EM never lowers the log-likelihood; a record of weight
 * 2 is the same as the record twice; the blocking of the data does not matter; with k = 1 one
 * EM step lands on the closed-form MLE; model.json round-trips θ exactly; an empty component gets
 * weight 0 and a warning, never a NaN; {@code --fix-weights} keeps the starting weights; the
 * E-step survives Java serialization (Spark broadcasts it); and {@link StatisticsContract} (the
 * statistics' JSON form, per-record log-densities, prior statistics). Data come from the
 * subclass's generator with a fixed {@link SplittableRandom} seed.
 *
 * <p>Longer than 300 lines: it is the one contract every family's test extends, kept in one
 * place so that a new family gets all of it by extending one class.
 *
 * @param <M> the family's θ
 */
public abstract class FamilyContractTest<M extends Model> implements StatisticsContract<M> {

  /** Relative tolerance of the invariance tests. */
  protected static final double TOL = 1e-9;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The family under test configured by {@code options}. */
  protected abstract Family<M> family(FamilyOptions options);

  /** n records as block rows of the family (features, plus trials for binomial). */
  protected abstract double[][] records(SplittableRandom rng, int n);

  /** θ as one vector: the k weights, then every component's parameters. */
  protected abstract double[] flatten(M theta);

  /** π of θ. */
  protected abstract double[] weights(M theta);

  /** The closed-form single-component MLE of unit-weight {@code records}, flattened like θ. */
  protected abstract double[] closedFormMle(double[][] records);

  /** θ whose last component can receive no record (weight 0, or a centre far from the data). */
  protected abstract M withEmptyComponent(M theta);

  /** Components of the fits below. */
  protected int k() {
    return 2;
  }

  protected Family<M> family() {
    return family(FamilyOptions.defaults());
  }

  // ---------------------------------------------------------------- the contract

  @Test
  void logLikelihoodNeverDecreases() {
    LocalStatisticsSource data = source(records(new SplittableRandom(1), 500), null, 3);
    List<TraceEntry> trace = new ArrayList<>();
    FitResult<M> fit = EmLoop.run(family(), start(family(), data, k()), data, new EmOptions(40, 0),
        (f, e, delta) -> trace.add(e));
    double[] ll = trace.stream().mapToDouble(TraceEntry::logLikelihood).toArray();
    ll = Arrays.copyOf(ll, ll.length + 1);
    ll[ll.length - 1] = fit.logLikelihood();
    assertFinite(ll);
    for (int t = 1; t < ll.length; t++) {
      assertThat(ll[t]).as("LL at pass %d", t).isGreaterThanOrEqualTo(ll[t - 1] - TOL * Math.abs(ll[t - 1]));
    }
  }

  @Test
  void weightTwoIsTheRecordTwice() {
    double[][] rows = records(new SplittableRandom(2), 300);
    double[] w = new double[rows.length];
    List<double[]> twice = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      w[i] = i % 3 == 0 ? 2 : 1;
      twice.add(rows[i]);
      if (i % 3 == 0) {
        twice.add(rows[i]);
      }
    }
    LocalStatisticsSource weighted = source(rows, w, 1);
    LocalStatisticsSource duplicated = source(twice.toArray(new double[0][]), null, 1);
    M start = start(family(), weighted, k());
    Stepped<M> a = steps(start, weighted, 15);
    Stepped<M> b = steps(start, duplicated, 15);
    assertClose(flatten(a.model()), flatten(b.model()));
    assertThat(a.logLikelihood()).isCloseTo(b.logLikelihood(), relative(b.logLikelihood()));
    assertThat(a.totalWeight()).isEqualTo(b.totalWeight());
  }

  @Test
  void oneBlockOrSevenGiveTheSameFit() {
    double[][] rows = records(new SplittableRandom(3), 400);
    LocalStatisticsSource one = source(rows, null, 1);
    LocalStatisticsSource seven = source(rows, null, 7);
    M start = start(family(), one, k());
    Stepped<M> a = steps(start, one, 20);
    Stepped<M> b = steps(start, seven, 20);
    assertClose(flatten(a.model()), flatten(b.model()));
    assertThat(a.logLikelihood()).isCloseTo(b.logLikelihood(), relative(b.logLikelihood()));
  }

  @Test
  void oneComponentLandsOnTheClosedFormMleInOneStep() {
    double[][] rows = records(new SplittableRandom(4), 250);
    LocalStatisticsSource data = source(rows, null, 3);
    Block all = io.sparkem.core.Sampling.concat(data.blocks());
    M start = family().fromClustering(all, new int[all.rows()], 1);
    assertClose(flatten(steps(start, data, 1).model()), closedFormMle(rows));
    assertClose(flatten(steps(start, data, 3).model()), closedFormMle(rows));
  }

  @Test
  void modelJsonRoundTripsTheta() throws Exception {
    LocalStatisticsSource data = source(records(new SplittableRandom(5), 300), null, 2);
    FitResult<M> fit = fit(start(family(), data, k()), data, 10);
    ObjectNode root = MAPPER.createObjectNode();
    family().writeJson(fit.model(), root);
    M back = family().readJson(MAPPER.readTree(MAPPER.writeValueAsString(root)));
    assertThat(flatten(back)).containsExactly(flatten(fit.model()));
    assertThat(back.freeParameters()).isEqualTo(fit.model().freeParameters());

    FitResult<M> again = EmLoop.run(family(), back, data, new EmOptions(0, 1e-6), (f, e, d) -> {});
    assertThat(again.iterations()).isZero();
    assertThat(flatten(again.model())).containsExactly(flatten(fit.model()));
    assertThat(again.logLikelihood()).isCloseTo(fit.logLikelihood(), relative(fit.logLikelihood()));
  }

  @Test
  void anEmptyComponentGetsWeightZeroAndAWarningNeverNaN() {
    LocalStatisticsSource data = source(records(new SplittableRandom(6), 200), null, 2);
    M theta = withEmptyComponent(start(family(), data, k()));
    SufficientStats stats = data.pass(List.of(family().eStep(theta))).get(0);
    MStepResult<M> next = family().mStep(stats, theta);
    assertThat(next.warnings()).anyMatch(w -> w.contains("component " + (k() - 1)));
    assertThat(weights(next.model())[k() - 1]).isZero();
    assertFinite(flatten(next.model()));
    FitResult<M> fit = fit(next.model(), data, 5);
    assertThat(fit.logLikelihood()).isFinite();
    assertFinite(flatten(fit.model()));
    assertThat(fit.warnings()).isNotEmpty();
  }

  @Test
  void fixWeightsKeepsTheStartingWeights() {
    Family<M> fixed = family(FamilyOptions.defaults().withFixWeights(true));
    LocalStatisticsSource data = source(records(new SplittableRandom(7), 300), null, 2);
    M start = start(fixed, data, k());
    double[] equal = new double[k()];
    Arrays.fill(equal, 1.0 / k());
    assertThat(weights(start)).containsExactly(equal);
    assertThat(weights(fit(fixed, start, data, 10).model())).containsExactly(equal);
  }

  @Test
  void generatedRecordsPassTheRecordCheck() {
    for (double[] row : records(new SplittableRandom(8), 100)) {
      assertThat(family().recordCheck().check(row, 0, row.length)).isNull();
    }
  }

  @Test
  void theEStepSurvivesJavaSerialization() throws Exception {
    LocalStatisticsSource data = source(records(new SplittableRandom(9), 100), null, 1);
    EStep step = family().eStep(start(family(), data, k()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(step);
    }
    EStep copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (EStep) in.readObject();
    }
    assertThat(data.pass(List.of(copy)).get(0).logLikelihood())
        .isEqualTo(data.pass(List.of(step)).get(0).logLikelihood());
  }

  @Test
  void parameterMapRoundTripsTheta() {
    LocalStatisticsSource data = source(records(new SplittableRandom(12), 300), null, 2);
    M theta = fit(start(family(), data, k()), data, 10).model();
    ParameterMap<M> map = family().parameterMap().orElseThrow();
    double[] v = map.toVector(theta);
    assertFinite(v);
    M back = map.fromVector(v, theta);
    assertClose(flatten(back), flatten(theta));
    assertThat(back.freeParameters()).isEqualTo(theta.freeParameters());
    // The vector of the round-tripped θ is the same vector again.
    assertClose(map.toVector(back), v);
  }

  @Test
  void parameterMapLeavesFixedWeightsOutOfTheVector() {
    Family<M> fixed = family(FamilyOptions.defaults().withFixWeights(true));
    LocalStatisticsSource data = source(records(new SplittableRandom(13), 300), null, 2);
    M theta = fit(fixed, start(fixed, data, k()), data, 5).model();
    ParameterMap<M> fixedMap = fixed.parameterMap().orElseThrow();
    double[] v = fixedMap.toVector(theta);
    assertThat(v.length).isEqualTo(family().parameterMap().orElseThrow().toVector(theta).length - k());
    double[] moved = v.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += 0.1;
    }
    assertThat(weights(fixedMap.fromVector(moved, theta))).containsExactly(weights(theta));
    assertClose(flatten(fixedMap.fromVector(v, theta)), flatten(theta));
  }

  @Test
  void everyVectorNearAFitIsAValidTheta() {
    LocalStatisticsSource data = source(records(new SplittableRandom(14), 300), null, 2);
    M theta = fit(start(family(), data, k()), data, 5).model();
    ParameterMap<M> map = family().parameterMap().orElseThrow();
    double[] v = map.toVector(theta);
    SplittableRandom rng = new SplittableRandom(15);
    for (int trial = 0; trial < 5; trial++) {
      double[] u = v.clone();
      for (int i = 0; i < u.length; i++) {
        u[i] += rng.nextGaussian(); // a step far beyond any EM step
      }
      M moved = map.fromVector(u, theta);
      assertFinite(flatten(moved));
      assertThat(data.pass(List.of(family().eStep(moved))).get(0).logLikelihood()).isFinite();
    }
  }

  // ---------------------------------------------------------------- mini-batch (stepwise EM)

  /**
   * Scaling and blending statistics is what stepwise EM relies on: under one θ, ½·s(A) + ½·s(B)
   * must be the statistics of A ∪ B with every weight ½, and s(A)·2 those of A with weight 2 —
   * the same M-step and half, or twice, the log-likelihood.
   */
  @Test
  void scaledAndBlendedStatisticsAreThoseOfReweightedRecords() {
    double[][] rows = records(new SplittableRandom(21), 400);
    double[][] a = Arrays.copyOfRange(rows, 0, 150);
    double[][] b = Arrays.copyOfRange(rows, 150, 400);
    M theta = fit(start(family(), source(rows, null, 2), k()), source(rows, null, 2), 3).model();
    EStep e = family().eStep(theta);
    SufficientStats blended = source(a, null, 2).pass(List.of(e)).get(0).scale(0.5)
        .merge(source(b, null, 3).pass(List.of(e)).get(0).scale(0.5));
    double[] half = new double[rows.length];
    Arrays.fill(half, 0.5);
    SufficientStats direct = source(rows, half, 1).pass(List.of(e)).get(0);
    assertThat(blended.logLikelihood()).isCloseTo(direct.logLikelihood(), relative(direct.logLikelihood()));
    assertThat(blended.totalWeight()).isCloseTo(200.0, relative(200.0));
    assertClose(flatten(family().mStep(blended, theta).model()), flatten(family().mStep(direct, theta).model()));

    double[] two = new double[a.length];
    Arrays.fill(two, 2);
    SufficientStats doubled = source(a, null, 1).pass(List.of(e)).get(0).scale(2);
    SufficientStats weighted = source(a, two, 1).pass(List.of(e)).get(0);
    assertThat(doubled.logLikelihood()).isCloseTo(weighted.logLikelihood(), relative(weighted.logLikelihood()));
    assertClose(flatten(family().mStep(doubled, theta).model()), flatten(family().mStep(weighted, theta).model()));
  }

  /** {@code --mini-batch 1} is plain EM, bit for bit. */
  @Test
  void aMiniBatchOfOneIsFullBatchEm() {
    LocalStatisticsSource data = source(records(new SplittableRandom(22), 300), null, 4);
    M start = start(family(), data, k());
    FitResult<M> plain = EmLoop.run(family(), start, data, new EmOptions(20, 0), (f, e, d) -> {});
    FitResult<M> one = EmLoop.run(family(), start, data,
        new EmOptions(20, 0, null, new MiniBatch(1.0, 99)), (f, e, d) -> {});
    assertThat(flatten(one.model())).containsExactly(flatten(plain.model()));
    assertThat(one.logLikelihood()).isEqualTo(plain.logLikelihood());
    assertThat(one.recordsRead()).isEqualTo(plain.recordsRead()).isEqualTo(300L * (plain.iterations() + 1));
  }

  /**
   * Stepwise EM on a quarter of the blocks per step ends near the full-batch optimum (within 1% of
   * its log-likelihood per record), reads what the subsets hold plus one full pass, and is
   * reproducible: the same seed gives the same θ, another seed another path.
   */
  @Test
  void miniBatchStepsGetNearTheFullBatchOptimum() {
    double[][] rows = records(new SplittableRandom(23), 8000);
    LocalStatisticsSource data = source(rows, null, 80);
    M start = start(family(), data, k());
    FitResult<M> full = EmLoop.run(family(), start, data, new EmOptions(300, 1e-9), (f, e, d) -> {});
    EmOptions options = new EmOptions(40, 0, null, new MiniBatch(0.25, 5));
    FitResult<M> mini = EmLoop.run(family(), start, data, options, (f, e, d) -> {});
    FitResult<M> again = EmLoop.run(family(), start, data, options, (f, e, d) -> {});
    FitResult<M> other = EmLoop.run(family(), start, data, options.withMiniBatch(new MiniBatch(0.25, 6)),
        (f, e, d) -> {});

    assertThat(mini.iterations()).isEqualTo(40);
    assertThat(mini.records()).isEqualTo(8000);
    assertThat(mini.logLikelihood() / 8000).isCloseTo(full.logLikelihood() / 8000,
        org.assertj.core.data.Offset.offset(0.01 * Math.abs(full.logLikelihood() / 8000)));
    long expected = 8000;
    for (int t = 0; t < 40; t++) {
      for (int p = 0; p < data.blocks().size(); p++) {
        expected += options.miniBatch().subset(t).keeps(p, 0) ? data.blocks().get(p).rows() : 0;
      }
    }
    assertThat(mini.recordsRead()).isEqualTo(expected).isBetween(8000L + 40 * 1000, 8000L + 40 * 3000);
    assertThat(flatten(again.model())).containsExactly(flatten(mini.model()));
    assertThat(flatten(other.model())).isNotEqualTo(flatten(mini.model()));
  }

  // ---------------------------------------------------------------- StatisticsContract's hooks

  @Override
  public Family<M> familyUnderTest() {
    return family();
  }

  @Override
  public LocalStatisticsSource recordsUnderTest(long seed, int n, int blocks) {
    return source(records(new SplittableRandom(seed), n), null, blocks);
  }

  @Override
  public M thetaFor(LocalStatisticsSource data) {
    return fit(start(family(), data, k()), data, 10).model();
  }

  @Override
  public double[] flat(M theta) {
    return flatten(theta);
  }

  // ---------------------------------------------------------------- helpers for subclasses

  /** The rows split into {@code blocks} contiguous blocks of uneven sizes; weights 1 when null. */
  protected static LocalStatisticsSource source(double[][] rows, double[] weights, int blocks) {
    int d = rows[0].length;
    List<Block> out = new ArrayList<>();
    int from = 0;
    for (int b = 0; b < blocks; b++) {
      int to = b == blocks - 1 ? rows.length : from + (rows.length - from) / (blocks - b) + (b % 2);
      double[] x = new double[(to - from) * d];
      double[] w = new double[to - from];
      for (int i = from; i < to; i++) {
        System.arraycopy(rows[i], 0, x, (i - from) * d, d);
        w[i - from] = weights == null ? 1 : weights[i];
      }
      out.add(new Block(to - from, d, x, w));
      from = to;
    }
    return new LocalStatisticsSource(out);
  }

  /** A k-means++ start, seed fixed. */
  protected M start(Family<M> family, LocalStatisticsSource data, int k) {
    return Initializer.starts(family, data, k, InitMethod.KMEANS_PLUS_PLUS, 1, 11L).get(0);
  }

  /** At most {@code maxIter} EM steps from {@code start} through the loop (tol 0). */
  protected FitResult<M> fit(M start, LocalStatisticsSource data, int maxIter) {
    return fit(family(), start, data, maxIter);
  }

  protected FitResult<M> fit(Family<M> family, M start, LocalStatisticsSource data, int maxIter) {
    return EmLoop.run(family, start, data, new EmOptions(maxIter, 0), (f, e, d) -> {});
  }

  /**
   * θ after exactly {@code steps} E- and M-steps, and the log-likelihood of the data under it —
   * without the loop's convergence test, which could stop one of two compared runs a step early
   * once the log-likelihood no longer changes in double precision.
   */
  protected Stepped<M> steps(M start, LocalStatisticsSource data, int steps) {
    M theta = start;
    for (int t = 0; t < steps; t++) {
      theta = family().mStep(data.pass(List.of(family().eStep(theta))).get(0), theta).model();
    }
    SufficientStats last = data.pass(List.of(family().eStep(theta))).get(0);
    return new Stepped<>(theta, last.logLikelihood(), last.totalWeight());
  }

  /** θ after some EM steps, with the log-likelihood and total weight of the data under it. */
  protected record Stepped<M>(M model, double logLikelihood, double totalWeight) {}

  /** Entry by entry within TOL relative (absolute below magnitude 1). */
  protected static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], relative(expected[i]));
    }
  }

  protected static org.assertj.core.data.Offset<Double> relative(double x) {
    return org.assertj.core.data.Offset.offset(TOL * Math.max(1, Math.abs(x)));
  }

  protected static void assertFinite(double[] values) {
    assertThat(Arrays.stream(values).boxed().toList()).allMatch(Double::isFinite);
  }

  /** Concatenation of vectors. */
  protected static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }
}
