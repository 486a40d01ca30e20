package io.sparkem.core;

import java.util.List;

/** Where the loop saves the state of its fits after every pass, so a lost driver can resume. */
@FunctionalInterface
public interface Checkpoints<M extends Model> {

  /** Saves the state of every fit (in the order the loop was given them), atomically. */
  void save(List<FitState<M>> fits);

  /** No checkpoints. */
  static <M extends Model> Checkpoints<M> none() {
    return fits -> {};
  }
}
