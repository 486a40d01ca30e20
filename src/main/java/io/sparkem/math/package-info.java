/** Plain-Java numerics over arrays: log-sum-exp, Cholesky factors and triangular solves, ln Γ. */
package io.sparkem.math;
