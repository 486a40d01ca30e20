package io.sparkem.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkem.core.FamilyOptions;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.CovarianceType;
import io.sparkem.family.gaussian.GaussianFamily;
import org.junit.jupiter.api.Test;

class FamiliesTest {

  @Test
  void everyFamilyOfTheInterfaceIsRegisteredUnderItsName() {
    assertThat(Families.names())
        .containsExactly("gaussian", "bernoulli", "binomial", "poisson", "multinomial", "kmeans");
    for (String name : Families.names()) {
      assertThat(Families.get(name, FamilyOptions.defaults()).name()).isEqualTo(name);
    }
    assertThatThrownBy(() -> Families.get("hmm2", FamilyOptions.defaults()))
        .isInstanceOf(UserError.class).hasMessageContaining("--family");
  }

  @Test
  void everyCovarianceTypeIsAvailable() {
    for (CovarianceType type : CovarianceType.values()) {
      GaussianFamily family = (GaussianFamily) Families.get("gaussian",
          FamilyOptions.defaults().withCovariance(type.cliName()));
      assertThat(family.shape().type()).isEqualTo(type);
    }
    assertThatThrownBy(() -> Families.get("gaussian", FamilyOptions.defaults().withCovariance("banded")))
        .isInstanceOf(UserError.class).hasMessageContaining("--covariance");
  }

  @Test
  void optionsKeepTheirThreeArgumentConstructor() {
    FamilyOptions o = new FamilyOptions("diag", 1e-4, true);
    assertThat(o.pseudoCount()).isEqualTo(FamilyOptions.DEFAULT_PSEUDO_COUNT);
    assertThat(o.withPseudoCount(0.5).covariance()).isEqualTo("diag");
  }
}
