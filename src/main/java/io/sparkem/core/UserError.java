package io.sparkem.core;

/**
 * A failure the user can fix (bad input, impossible options, a singular model): the job reports
 * its message as one line and exits with code 2. Messages name the file, row or column and say
 * what to do.
 */
public class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
