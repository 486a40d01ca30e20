package io.sparkem.family.gaussian;

/** A covariance that cannot be factored: the fix is the user's (more regularisation, fewer components). */
public final class SingularCovarianceException extends io.sparkem.core.UserError {

  private static final long serialVersionUID = 1L;

  public SingularCovarianceException(String message) {
    super(message);
  }
}
