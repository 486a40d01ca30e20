/**
 * k-means as hard EM (Lloyd 1982, IEEE Trans. Inf. Theory 28:129), in the same loop as the
 * mixtures: the E-step assigns every record to its nearest centre (responsibility 1, ties to the
 * lowest index), the M-step moves each centre to the weighted mean of its records. The objective
 * is the cost Σ_i w_i min_j ‖x_i − μ_j‖² ({@link io.sparkem.core.SufficientStats#cost()}); the
 * loop's log-likelihood is defined as −cost, so it never decreases and the best restart is the
 * cheapest. Convergence is on the relative change of the cost. model.json's components hold
 * {@code mean} and {@code weight} (each cluster's share of the weight; optional on input).
 */
package io.sparkem.family.kmeans;
