package io.sparkem.init;

/**
 * How fresh starting θs are drawn from a sample of the data (a saved model, {@code model:PATH}, is
 * the other kind of start: see the fit service's {@code Init}).
 */
public enum InitMethod {
  /** k-means++ seeding then Lloyd iterations on a sample; θ0 from the resulting clusters. */
  KMEANS_PLUS_PLUS("kmeans++"),
  /** k distinct sample rows as centres; θ0 from the nearest-centre clusters. */
  RANDOM("random");

  private final String cliName;

  InitMethod(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line ({@code --init}), in model.json's provenance and as an ML param. */
  @Override
  public String toString() {
    return cliName;
  }
}
