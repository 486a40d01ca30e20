/**
 * The registry of model families: each {@link io.sparkem.registry.FamilyEntry} declares a family's
 * name, what its records need besides the features ({@link io.sparkem.registry.RecordColumn}), what
 * it supports ({@link io.sparkem.registry.Capability}), which HMM emission it serves as, and how to
 * build it from typed {@link io.sparkem.registry.FamilySettings}. It sits above the family packages
 * (it names them all) and below the fit service and the front ends, which read it. No Spark here.
 */
package io.sparkem.registry;
