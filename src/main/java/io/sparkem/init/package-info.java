/** Starting points for EM: k-means++ with Lloyd refinement on a sample, random centres, a saved model. */
package io.sparkem.init;
