package io.sparkem.core;

/** Hears about each pass of each fit, for progress lines. */
@FunctionalInterface
public interface IterationListener {

  /**
   * @param fit   index of the fit among those run together (restarts)
   * @param entry the finished iteration
   * @param delta change of mean log-likelihood per unit weight against the previous pass (NaN on the first)
   */
  void iterationDone(int fit, TraceEntry entry, double delta);

  IterationListener SILENT = (fit, entry, delta) -> {};
}
