package io.sparkem.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkem.core.Accelerator;
import io.sparkem.core.MissingValues;
import io.sparkem.core.UserError;
import io.sparkem.registry.Families;
import io.sparkem.spark.BadRecordPolicy;
import io.sparkem.spark.InputFormat;
import io.sparkem.spark.InputSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fit service's checks read the registry's declarations, and say what is wrong in the words of
 * the front end that called: {@code --missing marginalize} on the command line,
 * {@code missing = marginalize} / {@code setK(1)} in the estimators.
 */
class SettingsCheckTest {

  private static final Records FILES = new Records.Files(InputSpec.csv("data.csv"), null);
  private static final Wording ML = Wording.sparkMl("features");

  private static FitSettings settings(String family, MissingValues missing, double miniBatch, int restarts) {
    return new FitSettings(Families.find(family).orElseThrow(), null, null, 1e-6, false, 0, missing, 100, 1e-6,
        Accelerator.NONE, miniBatch, Init.KMEANS_PLUS_PLUS, restarts, 42, null, false);
  }

  @Test
  void whatAFamilyDoesNotSupportIsRefusedInEachFrontEndsWords() {
    FitSettings poissonMissing = settings("poisson", MissingValues.MARGINALIZE, 1, 1);
    assertThatThrownBy(() -> SettingsCheck.check(poissonMissing, Wording.CLI, FILES)).isInstanceOf(UserError.class)
        .hasMessageStartingWith("--missing marginalize is for --family gaussian only");
    assertThatThrownBy(() -> SettingsCheck.check(poissonMissing, ML, FILES))
        .hasMessageStartingWith("missing = marginalize is for family gaussian only");
    assertThatCode(() -> SettingsCheck.check(settings("gaussian", MissingValues.MARGINALIZE, 1, 1), ML, FILES))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> SettingsCheck.check(settings("hmm", MissingValues.FAIL, 0.5, 1), Wording.CLI,
        new Records.Files(InputSpec.csv("d.csv"), new SequenceSettings("s", "t"))))
        .hasMessageStartingWith("--mini-batch is not available for --family hmm; use --mini-batch 1");
    assertThatThrownBy(() -> SettingsCheck.check(settings("gaussian", MissingValues.FAIL, 1, 0), ML, FILES))
        .hasMessage("restarts must be >= 1, got 0");
  }

  @Test
  void recordColumnsMustMatchWhatTheFamilyNeeds() {
    FitSettings binomial = settings("binomial", MissingValues.FAIL, 1, 1);
    assertThatThrownBy(() -> SettingsCheck.check(binomial, Wording.CLI, FILES))
        .hasMessage("--family binomial needs the number of trials per record: pass --trials N or --trials-col COLUMN");
    Records withTrials = new Records.Files(new InputSpec("d.csv", InputFormat.CSV, List.of(), null, "n", 0,
        BadRecordPolicy.FAIL), null);
    assertThatCode(() -> SettingsCheck.check(binomial, Wording.CLI, withTrials)).doesNotThrowAnyException();
    assertThatThrownBy(() -> SettingsCheck.check(settings("poisson", MissingValues.FAIL, 1, 1), Wording.CLI,
        withTrials)).hasMessage("--trials and --trials-col are for --family binomial only");
    assertThatThrownBy(() -> SettingsCheck.check(settings("hmm", MissingValues.FAIL, 1, 1), Wording.CLI,
        new Records.Files(InputSpec.csv("d.csv"), new SequenceSettings(null, "t"))))
        .hasMessage("--family hmm needs --sequence-col COLUMN and --order-col COLUMN");
  }

  @Test
  void remediesAreWordedForTheCaller() {
    assertThat(Wording.CLI.fix(Setting.K, 3)).isEqualTo("pass --k 3");
    assertThat(ML.fix(Setting.K, 3)).isEqualTo("setK(3)");
    assertThat(ML.fix(Setting.FAMILY, "gaussian")).isEqualTo("setFamily(\"gaussian\")");
    assertThat(ML.inputWidth(3)).isEqualTo("column 'features' holds vectors of 3 values");
  }
}
