package io.sparkem.testing;

import java.nio.file.Path;
import java.util.Arrays;

/** Published data sets of mixtures of regressions, for the tests that compare with R. */
public final class RegressionData {

  private RegressionData() {}

  /**
   * NOdata (mixtools 2.0.0, {@code data(NOdata)}; Hurn, Justel &amp; Robert 2003): (NO, Equivalence)
   * of 88 runs of an engine — nitrogen oxide emissions against the equivalence ratio — in R's row
   * order. mixtools' example regresses Equivalence on NO with two components.
   */
  public static final double[][] NO_DATA = {
      {3.741, 0.907}, {2.295, 0.761}, {1.498, 1.108}, {2.881, 1.016}, {0.76, 1.189}, {3.12, 1.001}, {0.638, 1.231},
      {1.17, 1.123}, {2.358, 1.042}, {0.606, 1.215}, {3.669, 0.93}, {1, 1.152}, {0.981, 1.138}, {1.192, 0.601},
      {0.926, 0.696}, {1.59, 0.686}, {1.806, 1.072}, {1.962, 1.074}, {4.028, 0.934}, {3.148, 0.808}, {1.836, 1.071},
      {2.845, 1.009}, {1.013, 1.142}, {0.414, 1.229}, {0.812, 1.175}, {0.374, 0.568}, {3.623, 0.977},
      {1.869, 0.767}, {2.836, 1.006}, {3.567, 0.893}, {0.866, 1.152}, {1.369, 0.693}, {0.542, 1.232},
      {2.739, 1.036}, {1.2, 1.125}, {1.719, 1.081}, {3.423, 0.868}, {1.634, 0.762}, {1.021, 1.144}, {2.157, 1.045},
      {3.361, 0.797}, {1.39, 1.115}, {1.947, 1.07}, {0.962, 1.219}, {0.571, 0.637}, {2.219, 0.733}, {1.419, 0.715},
      {3.519, 0.872}, {1.732, 0.765}, {3.206, 0.878}, {2.471, 0.811}, {1.777, 0.676}, {2.571, 1.045},
      {3.952, 0.968}, {3.931, 0.846}, {1.587, 0.684}, {1.397, 0.729}, {3.536, 0.911}, {2.202, 0.808},
      {0.756, 1.168}, {1.62, 0.749}, {3.656, 0.892}, {2.964, 1.002}, {3.76, 0.812}, {0.672, 1.23}, {3.677, 0.804},
      {3.517, 0.813}, {3.29, 1.002}, {1.139, 0.696}, {0.727, 1.199}, {2.581, 1.03}, {0.923, 0.602}, {1.527, 0.694},
      {3.388, 0.816}, {2.085, 1.037}, {0.966, 1.181}, {3.488, 0.899}, {0.754, 1.227}, {0.797, 1.18},
      {2.064, 0.795}, {3.732, 0.99}, {0.586, 1.201}, {0.561, 0.629}, {0.563, 0.608}, {0.678, 0.584}, {0.37, 0.562},
      {0.53, 0.535}, {1.9, 0.655}};


  /** NOdata as a CSV file with header "NO,Equivalence". */
  public static Path noDataCsv(Path file) {
    return Data.csv(file, "NO,Equivalence", Arrays.asList(NO_DATA));
  }

  /**
   * The posterior probability of component 0 of a two-component model.json (one covariate, with an
   * intercept) for the record (x, y): π_0 N(y; β_00 + β_01 x, σ_0²) / Σ_j π_j N(y; β_j0 + β_j1 x, σ_j²),
   * from the model's numbers, written here from the formula.
   */
  public static double posteriorOfFirst(com.fasterxml.jackson.databind.JsonNode model, double x, double y) {
    double[] dens = densities(model, x, y);
    return dens[0] / (dens[0] + dens[1]);
  }

  /** log p(y | x) = log Σ_j π_j N(y; β_j0 + β_j1 x, σ_j²) of a two-component model.json, in closed form. */
  public static double logDensity(com.fasterxml.jackson.databind.JsonNode model, double x, double y) {
    double[] dens = densities(model, x, y);
    return Math.log(dens[0] + dens[1]);
  }

  /** π_j N(y; β_j0 + β_j1 x, σ_j²) for both components of model.json. */
  private static double[] densities(com.fasterxml.jackson.databind.JsonNode model, double x, double y) {
    double[] dens = new double[2];
    for (int j = 0; j < 2; j++) {
      com.fasterxml.jackson.databind.JsonNode c = model.path("components").get(j);
      double v = c.path("variance").asDouble();
      double e = y - c.path("coefficients").get(0).asDouble() - c.path("coefficients").get(1).asDouble() * x;
      dens[j] = c.path("weight").asDouble() * Math.exp(-e * e / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    }
    return dens;
  }
}
