package io.sparkem.fit;

import io.sparkem.core.Family;
import io.sparkem.core.FitState;
import io.sparkem.core.Model;
import java.util.List;

/**
 * One model to fit in a shared loop: a family, a k, the states its restarts start from (fresh θs,
 * or those of a checkpoint), the label that prefixes its progress lines, and where its checkpoints
 * go (null for none). Made by {@link FitService#candidate}.
 */
public record Candidate<M extends Model>(Family<M> family, int k, List<FitState<M>> states, String label,
    CheckpointFile checkpoint) {

  /** Saves this candidate's share of the loop's states, when it has a checkpoint file. */
  @SuppressWarnings("unchecked")
  void save(List<FitState<?>> saved) {
    if (checkpoint != null) {
      checkpoint.sink(family).save(saved.stream().map(s -> (FitState<M>) s).toList());
    }
  }
}
