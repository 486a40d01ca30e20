package io.sparkem.core;

import java.util.List;

/**
 * The next θ and anything the M-step had to do deliberately (an emptied component, a covariance
 * that needed extra regularisation), in words for model.json's {@code warnings}.
 */
public record MStepResult<M extends Model>(M model, List<String> warnings) {

  public MStepResult {
    warnings = List.copyOf(warnings);
  }

  public static <M extends Model> MStepResult<M> of(M model) {
    return new MStepResult<>(model, List.of());
  }
}
