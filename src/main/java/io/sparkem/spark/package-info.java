/**
 * The only package that imports Spark: input files → validated, cached blocks; the distributed
 * {@link io.sparkem.core.StatisticsSource}; prediction over DataFrames; atomic output on any
 * Hadoop file system.
 */
package io.sparkem.spark;
