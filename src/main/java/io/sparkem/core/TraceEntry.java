package io.sparkem.core;

/**
 * One EM iteration as model.json's {@code trace} records it.
 *
 * @param iteration     1-based iteration number
 * @param logLikelihood computed in this iteration's E-step, under the θ the iteration started from
 * @param seconds       wall time of the iteration (pass + M-step)
 */
public record TraceEntry(int iteration, double logLikelihood, double seconds) {}
