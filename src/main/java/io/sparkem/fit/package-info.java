/**
 * The fit service: one fit beneath every front end. {@link io.sparkem.fit.FitService} takes one
 * typed {@link io.sparkem.fit.FitSettings} and {@link io.sparkem.fit.Records} (files, or a Spark ML
 * Dataset), checks them against the family's registry entry, loads the records once, draws or
 * reads the starting points, resumes checkpoints ({@link io.sparkem.fit.CheckpointFile}), runs every
 * candidate's restarts in the one EM loop and writes model.json ({@link io.sparkem.fit.ModelJson})
 * with its provenance. The command line ({@code cli}) and the estimators ({@code spark.ml}) are
 * thin adapters over it; messages name settings in their words ({@link io.sparkem.fit.Wording}).
 */
package io.sparkem.fit;
