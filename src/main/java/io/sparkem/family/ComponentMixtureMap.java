package io.sparkem.family;

import io.sparkem.core.ParameterMap;

/**
 * The {@link ParameterMap} of a {@link ComponentMixtureFamily}: [clr(π) (k values, absent under
 * {@code --fix-weights}), u_1 (m values), …, u_k], with u_j the family's coordinates of component
 * j ({@link ComponentMixtureFamily#encodeComponent}).
 */
final class ComponentMixtureMap<M extends ComponentMixture> implements ParameterMap<M> {

  private final ComponentMixtureFamily<M> family;

  ComponentMixtureMap(ComponentMixtureFamily<M> family) {
    this.family = family;
  }

  private int weightLength(M theta) {
    return family.fixWeights() ? 0 : theta.k();
  }

  @Override
  public double[] toVector(M theta) {
    int k = theta.k();
    double[][] params = theta.parameters();
    int m = params[0].length;
    int w = weightLength(theta);
    double[] v = new double[w + k * m];
    if (w > 0) {
      SimplexCoordinates.encode(theta.weights(), v, 0);
    }
    for (int j = 0; j < k; j++) {
      family.encodeComponent(params[j], v, w + j * m);
    }
    return v;
  }

  @Override
  public M fromVector(double[] v, M template) {
    int k = template.k();
    int m = template.parameters()[0].length;
    int w = weightLength(template);
    if (v.length != w + k * m) {
      throw new IllegalArgumentException("a vector of " + v.length + " for a θ of " + (w + k * m));
    }
    double[] weights = w > 0 ? SimplexCoordinates.decode(v, 0, k) : template.weights().clone();
    double[][] params = new double[k][];
    for (int j = 0; j < k; j++) {
      params[j] = family.decodeComponent(v, w + j * m, m);
    }
    return family.model(weights, params);
  }
}
