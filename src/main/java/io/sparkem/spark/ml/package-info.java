/**
 * spark-em as a Spark ML pipeline stage: {@link io.sparkem.spark.ml.EmMixture} (an
 * {@code Estimator}) fits through the same EM loop as {@code submit/em fit};
 * {@link io.sparkem.spark.ml.EmMixtureModel} adds prediction and probability columns, saves and
 * loads (model.json inside the Spark ML directory layout) and works inside a {@code Pipeline}.
 */
package io.sparkem.spark.ml;
