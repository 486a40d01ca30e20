package io.sparkem.cli;

import io.sparkem.core.EStep;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.family.gaussian.GaussianMixture;
import io.sparkem.family.gaussian.SingularCovarianceException;
import io.sparkem.family.hmm.HiddenMarkovModel;
import io.sparkem.math.Cholesky;
import java.util.function.Supplier;

/**
 * The E-step of a model read from a file ({@code predict --model}). A covariance there that is not
 * positive definite is no collapse of a fit — no {@code --reg-covar} or {@code --k} can help —
 * but a file that was edited or damaged: the error names the file and the component.
 */
final class ModelChecks {

  private ModelChecks() {}

  /** The E-step {@code build} makes of {@code theta}, which was read from {@code where}. */
  static <S extends EStep> S eStep(Supplier<S> build, Model theta, String where) {
    try {
      return build.get();
    } catch (SingularCovarianceException e) {
      throw new UserError(where + ": " + singular(theta) + " is not positive definite, so the model cannot "
          + "score records; the file was edited or damaged: correct that matrix, or fit the model again", e);
    }
  }

  /** Which covariance of {@code theta} cannot be factored, in words. */
  static String singular(Model theta) {
    String unit = "component";
    Model m = theta;
    if (theta instanceof HiddenMarkovModel<?> hmm) {
      unit = "state";
      m = hmm.emission();
    }
    if (m instanceof GaussianMixture g) {
      for (int j = 0; j < g.k(); j++) {
        if (Cholesky.of(g.fullCovariance(j), g.dimension()).isEmpty()) {
          return "the covariance of " + unit + " " + j + " (components[" + j + "].covariance)";
        }
      }
    }
    return "a covariance matrix";
  }
}
