/**
 * The model families. Each sub-package is one plug-in to the EM loop; the registry that maps a
 * command-line name to a family, and declares what each needs and supports, is
 * {@code io.sparkem.registry.Families} (above these packages: it names them all).
 *
 * <p>Shared here: {@link io.sparkem.family.ComponentMixtureFamily}, the M-step, start and
 * model.json layout of the families whose statistics are weighted column sums ({@link
 * io.sparkem.family.ColumnSums}: bernoulli, binomial, poisson, multinomial, kmeans); {@link
 * io.sparkem.family.LinearEStep}, the E-step of those whose log-density is linear in the record;
 * {@link io.sparkem.family.MixingWeights}, the weight update every mixture uses.
 */
package io.sparkem.family;
