package io.sparkem.init;

/** How the starting θ is chosen (a saved model, {@code model:PATH}, is read by the command line). */
public enum InitMethod {
  /** k-means++ seeding then Lloyd iterations on a sample; θ0 from the resulting clusters. */
  KMEANS_PLUS_PLUS,
  /** k distinct sample rows as centres; θ0 from the nearest-centre clusters. */
  RANDOM
}
