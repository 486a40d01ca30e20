package io.sparkem.family.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Block;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.LocalStatisticsSource;
import io.sparkem.core.SufficientStats;
import io.sparkem.core.UserError;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Each covariance type's E-step and M-step against {@link NaiveGaussian}'s textbook version
 * (scikit-learn's definitions), its parameter count against scikit-learn's {@code _n_parameters},
 * and its structure checks on model.json.
 */
class CovarianceShapesTest {

  private static final double REG = 1e-3;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static GaussianFamily family(CovarianceType type) {
    return GaussianFamily.of(type, FamilyOptions.defaults().withRegCovar(REG));
  }

  /** A start θ with the type's structure, built through model.json's full matrices. */
  private static GaussianMixture start(CovarianceType type) {
    double[][] full = {{1.2, 0.4, 0.4, 0.9}, {0.7, -0.2, -0.2, 1.6}};
    double[][] cov = new double[2][];
    for (int j = 0; j < 2; j++) {
      double[] f = NaiveGaussian.structured(type, full[type == CovarianceType.TIED ? 0 : j], 2, 0);
      cov[j] = type.shape().fromFull(f, 2);
    }
    return new GaussianMixture(type.shape(), new double[] {0.4, 0.6},
        new double[][] {{0, 0}, {4, 2}}, cov);
  }

  private static double[][] data() {
    SplittableRandom rng = new SplittableRandom(31);
    double[][] rows = new double[60][];
    for (int i = 0; i < rows.length; i++) {
      double s = i % 3 == 0 ? 0 : 4;
      rows[i] = new double[] {s + 1.3 * rng.nextGaussian(), s / 2 + 0.8 * rng.nextGaussian()};
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void oneEmStepMatchesTheTextbook(CovarianceType type) {
    double[][] x = data();
    GaussianMixture theta = start(type);
    // E-step by hand: r_ij ∝ π_j N(x_i | μ_j, Σ_j).
    double[][] r = new double[x.length][2];
    double ll = 0;
    for (int i = 0; i < x.length; i++) {
      double total = 0;
      for (int j = 0; j < 2; j++) {
        r[i][j] = theta.weights()[j] * NaiveGaussian.density(x[i], theta.means()[j], theta.fullCovariance(j));
        total += r[i][j];
      }
      ll += Math.log(total);
      r[i][0] /= total;
      r[i][1] /= total;
    }
    // M-step by hand: N_j, μ_j, scatter_j = Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ.
    double[] n = new double[2];
    double[][] mu = new double[2][2];
    double[][] scatter = new double[2][4];
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < x.length; i++) {
        n[j] += r[i][j];
        mu[j][0] += r[i][j] * x[i][0];
        mu[j][1] += r[i][j] * x[i][1];
      }
      mu[j][0] /= n[j];
      mu[j][1] /= n[j];
      for (int i = 0; i < x.length; i++) {
        double[] y = {x[i][0] - mu[j][0], x[i][1] - mu[j][1]};
        for (int a = 0; a < 2; a++) {
          for (int b = 0; b < 2; b++) {
            scatter[j][a * 2 + b] += r[i][j] * y[a] * y[b];
          }
        }
      }
    }
    LocalStatisticsSource source = LocalStatisticsSource.of(Block.unweighted(2, x));
    GaussianFamily family = family(type);
    SufficientStats stats = source.pass(List.of(family.eStep(theta))).get(0);
    assertThat(stats.logLikelihood()).isCloseTo(ll, within(1e-10));
    GaussianMixture next = family.mStep(stats, theta).model();
    for (int j = 0; j < 2; j++) {
      assertThat(next.weights()[j]).isCloseTo(n[j] / x.length, within(1e-13));
      assertThat(next.means()[j]).containsExactly(mu[j], within(1e-12));
      double[] expected = new double[4];
      for (int e = 0; e < 4; e++) {
        expected[e] = type == CovarianceType.TIED
            ? (scatter[0][e] + scatter[1][e]) / x.length
            : scatter[j][e] / n[j];
      }
      assertThat(next.fullCovariance(j)).as("Σ_%d", j)
          .containsExactly(NaiveGaussian.structured(type, expected, 2, REG), within(1e-12));
    }
  }

  @Test
  void freeParametersAsScikitLearnCountsThem() {
    // k = 3, d = 4: (k − 1) + k·d + {full: k·d(d+1)/2, diag: k·d, tied: d(d+1)/2, spherical: k}
    int[] expected = {2 + 12 + 30, 2 + 12 + 12, 2 + 12 + 10, 2 + 12 + 3};
    CovarianceType[] types = {CovarianceType.FULL, CovarianceType.DIAG, CovarianceType.TIED, CovarianceType.SPHERICAL};
    for (int t = 0; t < types.length; t++) {
      CovarianceShape shape = types[t].shape();
      double[][] cov = new double[3][];
      for (int j = 0; j < 3; j++) {
        cov[j] = shape.fromFull(NaiveGaussian.structured(types[t], new double[16], 4, 1), 4);
      }
      GaussianMixture theta = new GaussianMixture(shape, new double[] {0.2, 0.3, 0.5}, new double[3][4], cov);
      assertThat(theta.freeParameters()).as(types[t].cliName()).isEqualTo(expected[t]);
    }
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void modelJsonAlwaysHoldsTheFullMatrix(CovarianceType type) {
    ObjectNode root = MAPPER.createObjectNode();
    family(type).writeJson(start(type), root);
    assertThat(root.get("covariance").asText()).isEqualTo(type.cliName());
    JsonNode cov = root.get("components").get(1).get("covariance");
    assertThat(cov.size()).isEqualTo(2);
    assertThat(cov.get(0).size()).isEqualTo(2);
    assertThat(cov.get(1).get(1).asDouble()).isPositive();
  }

  private static JsonNode model(String covariance, String cov0, String cov1) throws Exception {
    return MAPPER.readTree("{\"covariance\":\"" + covariance + "\",\"components\":["
        + "{\"weight\":0.5,\"mean\":[0,0],\"covariance\":" + cov0 + "},"
        + "{\"weight\":0.5,\"mean\":[3,3],\"covariance\":" + cov1 + "}]}");
  }

  @Test
  void readingChecksTheStructure() throws Exception {
    String diag = "[[1,0],[0,2]]";
    assertThatThrownBy(() -> family(CovarianceType.DIAG).readJson(model("diag", diag, "[[1,0.3],[0.3,2]]")))
        .isInstanceOf(UserError.class).hasMessageContaining("component 1").hasMessageContaining("diagonal");
    assertThatThrownBy(() -> family(CovarianceType.SPHERICAL).readJson(model("spherical", "[[1,0],[0,1]]", diag)))
        .isInstanceOf(UserError.class).hasMessageContaining("equal diagonal");
    assertThatThrownBy(() -> family(CovarianceType.TIED).readJson(model("tied", "[[1,0.2],[0.2,1]]", diag)))
        .isInstanceOf(UserError.class).hasMessageContaining("shared");
    assertThatThrownBy(() -> family(CovarianceType.FULL).readJson(model("full", "[[1,0.2],[0.3,1]]", diag)))
        .isInstanceOf(UserError.class).hasMessageContaining("symmetric");
    GaussianMixture tied = family(CovarianceType.TIED).readJson(model("tied", "[[1,0.2],[0.2,1]]", "[[1,0.2],[0.2,1]]"));
    assertThat(tied.covariances()[1]).isSameAs(tied.covariances()[0]);
    GaussianMixture sph = family(CovarianceType.SPHERICAL).readJson(model("spherical", "[[2,0],[0,2]]", "[[3,0],[0,3]]"));
    assertThat(sph.covariances()[1]).containsExactly(3);
  }

  @Test
  void aVarianceThatIsNotPositiveIsTheUsersToFix() {
    assertThatThrownBy(() -> CovarianceType.DIAG.shape().whitener(new double[] {1, 0}, 2))
        .isInstanceOf(SingularCovarianceException.class).hasMessageContaining("--reg-covar");
    assertThatThrownBy(() -> CovarianceType.SPHERICAL.shape().whitener(new double[] {-1}, 2))
        .isInstanceOf(SingularCovarianceException.class);
  }
}
