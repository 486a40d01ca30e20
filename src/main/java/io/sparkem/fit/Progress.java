package io.sparkem.fit;

import io.sparkem.core.FitResult;
import io.sparkem.core.IterationListener;
import io.sparkem.core.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress lines of a shared loop: one per fit per pass ({@code candidate 2/4 (k=2)  restart
 * 1/3  iteration 5/100  logLikelihood ...  delta ...  0.31 s  eta ≤ 12 s}) and one when a candidate
 * is done. The command line logs them at INFO (stderr), the estimators at DEBUG.
 */
final class Progress implements IterationListener {

  private static final Logger LOG = LoggerFactory.getLogger("io.sparkem");

  private final boolean info;
  private final int maxIter;
  private final List<Candidate<?>> owner = new ArrayList<>();
  private final List<Integer> restart = new ArrayList<>();
  private double[] spent;
  private int[] passes;

  Progress(List<? extends Candidate<?>> candidates, int maxIter, boolean info) {
    this.info = info;
    this.maxIter = maxIter;
    for (Candidate<?> c : candidates) {
      for (int r = 0; r < c.states().size(); r++) {
        owner.add(c);
        restart.add(r);
      }
    }
    spent = new double[owner.size()];
    passes = new int[owner.size()];
  }

  @Override
  public void iterationDone(int fit, TraceEntry e, double delta) {
    Candidate<?> c = owner.get(fit);
    spent[fit] += e.seconds();
    passes[fit]++;
    String eta = Eta.format(spent[fit] / passes[fit], maxIter - e.iteration());
    log(String.format("%s%siteration %d/%d  %s  delta %s  %.2f s%s", c.label(),
        c.states().size() > 1 ? "restart " + (restart.get(fit) + 1) + "/" + c.states().size() + "  " : "",
        e.iteration(), maxIter,
        e.cost().isPresent() ? String.format("cost %.6f", e.cost().getAsDouble())
            : String.format("logLikelihood %.6f", e.logLikelihood()),
        Double.isNaN(delta) ? "-" : String.format("%.3e", delta), e.seconds(), eta.isEmpty() ? "" : "  " + eta)
        + (e.accepted() ? "" : "  (extrapolation rejected)"));
  }

  /** The line that closes a candidate: its best restart's objective and how it ended. */
  void done(Candidate<?> c, FitResult<?> best) {
    log(String.format("%sdone: %s after %d iterations (%s)", c.label(),
        best.cost().isPresent() ? String.format("cost %.6f", best.cost().getAsDouble())
            : String.format("logLikelihood %.6f", best.logLikelihood()),
        best.iterations(), best.converged() ? "converged" : "not converged"));
  }

  private void log(String line) {
    if (info) {
      LOG.info(line);
    } else {
      LOG.debug(line);
    }
  }
}
