/**
 * The one EM loop and the contracts a model family plugs into. No Spark here.
 *
 * <p>Shape of one iteration: a {@link io.sparkem.core.StatisticsSource} runs the E-step of every
 * live fit over every {@link io.sparkem.core.Block} and folds it into {@link
 * io.sparkem.core.SufficientStats}; the {@link io.sparkem.core.Family} turns merged statistics into
 * the next θ (the M-step); {@link io.sparkem.core.EmLoop} decides when to stop.
 */
package io.sparkem.core;
