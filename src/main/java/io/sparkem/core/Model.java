package io.sparkem.core;

import java.io.Serializable;

/** θ of one family: immutable parameters of a fitted or starting model. */
public interface Model extends Serializable {

  /** Number of components (mixtures) or hidden states (HMMs). */
  int k();

  /** Number of features per record. */
  int dimension();

  /** Free parameters, for BIC and AIC. */
  int freeParameters();
}
