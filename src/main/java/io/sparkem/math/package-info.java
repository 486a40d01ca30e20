/** Plain-Java numerics over arrays: log-sum-exp, Cholesky factors and triangular solves. */
package io.sparkem.math;
