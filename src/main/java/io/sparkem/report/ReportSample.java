package io.sparkem.report;

/**
 * A bounded sample of the fitted records with the component each is most likely to come from.
 *
 * @param points   {@code n × width} rows; the report plots the first {@code dimension} values of each
 * @param clusters length n: the most probable component of each row, 0-based
 * @param records  how many records the sample was drawn from (for the caption)
 */
public record ReportSample(double[][] points, int[] clusters, long records) {

  /** The most points a report draws: enough to see the shape, few enough for a light page. */
  public static final int MAX_POINTS = 2000;

  public ReportSample {
    if (points.length != clusters.length) {
      throw new IllegalArgumentException(points.length + " points but " + clusters.length + " clusters");
    }
  }

  /**
   * The rows whose first {@code d} values are all finite: with {@code --missing marginalize} a
   * record may hold NaN cells, which have no place on a plot.
   */
  public ReportSample complete(int d) {
    java.util.List<Integer> keep = new java.util.ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      boolean finite = true;
      for (int a = 0; a < d && finite; a++) {
        finite = Double.isFinite(points[i][a]);
      }
      if (finite) {
        keep.add(i);
      }
    }
    double[][] p = new double[keep.size()][];
    int[] c = new int[keep.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = points[keep.get(i)];
      c[i] = clusters[keep.get(i)];
    }
    return new ReportSample(p, c, records);
  }
}
