/**
 * Spark's side of the data: input files or a Dataset → validated, cached blocks of independent
 * records ({@link io.sparkem.spark.SparkData}) or of whole sequences
 * ({@link io.sparkem.spark.SequenceData}); the distributed {@link io.sparkem.core.StatisticsSource};
 * prediction over DataFrames; atomic output on any Hadoop file system. Below it nothing imports
 * Spark; above it, the fit service and the front ends use it.
 */
package io.sparkem.spark;
