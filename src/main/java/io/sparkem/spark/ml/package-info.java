/**
 * spark-em as Spark ML pipeline stages: {@link io.sparkem.spark.ml.EmMixture} and
 * {@link io.sparkem.spark.ml.EmHmm} ({@code Estimator}s, their shared params in
 * {@link io.sparkem.spark.ml.EmEstimator}) fit through the fit service ({@code io.sparkem.fit}), the
 * one {@code submit/em fit} runs; {@link io.sparkem.spark.ml.EmMixtureModel} and
 * {@link io.sparkem.spark.ml.EmHmmModel} add prediction and probability columns, save and load
 * (model.json inside the Spark ML directory layout) and work inside a {@code Pipeline}.
 */
package io.sparkem.spark.ml;
