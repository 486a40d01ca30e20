package io.sparkem.core;

import java.util.List;

/**
 * A user error about particular features, which a family knows only by their index (collinear
 * covariates of a regression). The front end that knows the features' names words it with
 * {@link #describe}; {@link #getMessage} names them by number.
 */
public abstract class FeaturesError extends UserError {

  private static final long serialVersionUID = 1L;

  protected FeaturesError(String message) {
    super(message);
  }

  /** The message with the features' names: {@code names.get(i)} is feature i (0-based). */
  public abstract String describe(List<String> names);
}
