package io.sparkem.fit;

import io.sparkem.init.InitMethod;

/**
 * Where a fit starts ({@code --init}, the estimators' {@code init} param): fresh θs drawn from a
 * sample of the data by {@link InitMethod}, or the one θ of a saved model.
 */
public sealed interface Init permits Init.Drawn, Init.FromModel {

  /** The prefix of a saved model's path, {@code model:PATH}. */
  String MODEL_PREFIX = "model:";

  /** Fresh starting θs, one per restart, drawn by {@code method}. */
  record Drawn(InitMethod method) implements Init {
    @Override
    public String toString() {
      return method.toString();
    }
  }

  /**
   * The θ of a saved model: a model.json file, a fit's output directory, or a directory a Spark ML
   * model was saved to (which holds {@code data/model.json}).
   */
  record FromModel(String path) implements Init {
    @Override
    public String toString() {
      return MODEL_PREFIX + path;
    }
  }

  Init KMEANS_PLUS_PLUS = new Drawn(InitMethod.KMEANS_PLUS_PLUS);

  /** {@code kmeans++}, {@code random} or {@code model:PATH}; anything else is an {@link IllegalArgumentException}. */
  static Init parse(String text) {
    for (InitMethod m : InitMethod.values()) {
      if (m.toString().equals(text)) {
        return new Drawn(m);
      }
    }
    if (text != null && text.startsWith(MODEL_PREFIX) && text.length() > MODEL_PREFIX.length()) {
      return new FromModel(text.substring(MODEL_PREFIX.length()));
    }
    throw new IllegalArgumentException("expected kmeans++, random or model:PATH");
  }
}
