package io.sparkem.fit;

import io.sparkem.core.Family;
import io.sparkem.core.FitState;
import io.sparkem.core.Model;
import io.sparkem.core.SufficientStats;
import java.util.List;

/**
 * One model to fit in a shared loop: a family, a k, the states its restarts start from (fresh θs,
 * or those of a checkpoint), the label that prefixes its progress lines, where its checkpoints
 * go (null for none), and the prior statistics every M-step adds ({@code update}: the saved
 * model's, times the decay; null for none). Made by {@link FitService#candidate}.
 */
public record Candidate<M extends Model>(Family<M> family, int k, List<FitState<M>> states, String label,
    CheckpointFile checkpoint, Prior prior) {

  /**
   * An update's prior: the saved model's statistics already scaled by the decay, the model they came
   * from and the decay (for model.json's provenance).
   */
  public record Prior(SufficientStats statistics, String model, double decay) {}

  /** Saves this candidate's share of the loop's states, when it has a checkpoint file. */
  @SuppressWarnings("unchecked")
  void save(List<FitState<?>> saved) {
    if (checkpoint != null) {
      checkpoint.sink(family).save(saved.stream().map(s -> (FitState<M>) s).toList());
    }
  }
}
