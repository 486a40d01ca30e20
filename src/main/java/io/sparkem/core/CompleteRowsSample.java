package io.sparkem.core;

/**
 * A data set whose {@link #sample} keeps only complete rows (no NaN): initialisation with
 * {@code --missing marginalize}. k-means++ and Lloyd need distances between whole rows, so the
 * starting θ is built from the complete rows of the usual reproducible sample rather than from
 * imputed values (imputing column means would pull every seed towards the centre of the data).
 * EM then uses every row, incomplete ones included. Everything else is the wrapped source's
 * ({@link #distinctRecords} counts incomplete rows too, NaN equalling NaN in {@code List<Double>}:
 * a bound, as before).
 */
public final class CompleteRowsSample extends ForwardingSource {

  public CompleteRowsSample(StatisticsSource data) {
    super(data);
  }

  @Override
  public Block sample(int maxRows, long seed) {
    Block all = data.sample(maxRows, seed);
    int d = all.dim();
    double[] x = new double[all.rows() * d];
    double[] w = new double[all.rows()];
    int n = 0;
    for (int i = 0; i < all.rows(); i++) {
      boolean complete = true;
      for (int a = 0; a < d && complete; a++) {
        complete = !Double.isNaN(all.get(i, a));
      }
      if (complete) {
        System.arraycopy(all.x(), i * d, x, n * d, d);
        w[n++] = all.w()[i];
      }
    }
    if (n == 0) {
      throw new UserError("no record of the initialisation sample (" + all.rows() + " records) is "
          + "complete; kmeans++ and random initialisation need records without missing values: "
          + "start from a model with --init model:PATH");
    }
    return new Block(n, d, java.util.Arrays.copyOf(x, n * d), java.util.Arrays.copyOf(w, n));
  }
}
