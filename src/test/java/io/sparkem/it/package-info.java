/**
 * Integration tests (failsafe, {@code *IT}): the real launcher {@code submit/em} as a subprocess,
 * a real standalone Spark cluster (Master and Workers as separate JVMs from the project's own
 * classpath on 127.0.0.1), faults (a Worker killed mid-fit, a driver killed mid-fit), HDFS.
 */
package io.sparkem.it;
