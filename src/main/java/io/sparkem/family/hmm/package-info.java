/**
 * Hidden Markov models over many sequences (Rabiner 1989, "A tutorial on hidden Markov models",
 * Proc. IEEE 77:257): Baum–Welch in the one EM loop, with scaled forward–backward per sequence
 * folding into expected start and transition counts and the emission family's own statistics
 * weighted by the state posteriors; Viterbi decoding for {@code predict}. The emission families
 * are the mixture families (gaussian with its covariance types, categorical = multinomial on
 * one-hot rows, poisson, bernoulli), reused through {@link io.sparkem.core.MixtureEStep} and
 * {@link io.sparkem.core.MixtureStats}. A sequence is one block's rows between two
 * {@link io.sparkem.core.Block#sequenceOffsets()}; it never spans blocks.
 */
package io.sparkem.family.hmm;
