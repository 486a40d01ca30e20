/**
 * The model families. Each sub-package is one plug-in to the EM loop; {@link
 * io.sparkem.family.Families} is the registry that maps a command-line name to a family.
 */
package io.sparkem.family;
