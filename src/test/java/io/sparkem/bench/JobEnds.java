package io.sparkem.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;

/** Times of job ends, in ms, for MLlib's per-iteration time. */
final class JobEnds extends SparkListener {
  private final List<Long> ends = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    ends.add(end.time());
  }

  int count() {
    return ends.size();
  }

  /** Median interval between consecutive job ends, the first interval dropped (it builds MLlib's cache). */
  double medianInterval() {
    List<Long> e = new ArrayList<>(ends);
    Collections.sort(e);
    if (e.size() < 3) {
      return Double.NaN;
    }
    double[] iv = new double[e.size() - 2];
    for (int i = 2; i < e.size(); i++) {
      iv[i - 2] = (e.get(i) - e.get(i - 1)) / 1e3;
    }
    return MllibBench.median(iv);
  }
}
