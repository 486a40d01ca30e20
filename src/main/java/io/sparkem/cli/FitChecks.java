package io.sparkem.cli;

import io.sparkem.core.Accelerator;
import io.sparkem.core.EmOptions;
import io.sparkem.core.Family;
import io.sparkem.core.FamilyOptions;
import io.sparkem.core.MiniBatch;
import io.sparkem.core.MissingValues;
import io.sparkem.core.UserError;
import io.sparkem.family.Families;
import io.sparkem.spark.InputSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@code fit} and {@code select} options that need no data and no Spark, run before
 * the Spark session starts so that a bad value is reported at once: the family and its options,
 * the loop's options, {@code --init}, {@code --resume}, the hmm columns. {@link FitJob} builds its
 * family here too, so that the checks and the fit cannot disagree.
 */
final class FitChecks {

  private FitChecks() {}

  /** Every check, for each covariance a command will fit ({@code select} may list several). */
  static void beforeSpark(FitOptions options, InputSpec input, List<String> covariances) {
    for (String covariance : covariances) {
      family(options, input, covariance.trim());
    }
    String init = options.init;
    if (!init.equals("kmeans++") && !init.equals("random") && !init.startsWith("model:")) {
      throw new UserError("--init " + init + ": expected kmeans++, random or model:PATH");
    }
    if (options.resume && options.checkpointDir == null) {
      throw new UserError("--resume needs --checkpoint-dir DIR (where the interrupted fit saved its state)");
    }
    if (HmmFit.isHmm(options) && options.maxSequenceLength < 1) {
      throw new UserError("--max-sequence-length must be >= 1, got " + options.maxSequenceLength);
    }
  }

  /** The family the options name, with {@code covariance} for gaussian; checks the options. */
  static Family<?> family(FitOptions options, InputSpec input, String covariance) {
    if (options.restarts < 1) {
      throw new UserError("--restarts must be >= 1, got " + options.restarts);
    }
    if (!HmmFit.isHmm(options) && !known(options.family)) {
      List<String> names = new ArrayList<>();
      Families.names().forEach(names::add);
      names.add("hmm");
      throw new UserError("--family " + options.family + " is not available; expected one of " + names);
    }
    FamilyOptions familyOptions;
    try {
      emOptions(options);
      familyOptions = new FamilyOptions(covariance, options.regCovar, options.fixWeights, options.pseudoCount,
          MissingValues.parse(options.missing));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (familyOptions.missing() != MissingValues.FAIL && !options.family.equals("gaussian")) {
      throw new UserError("--missing " + options.missing + " is for --family gaussian only; remove it "
          + "or clean the missing cells of the input");
    }
    if (HmmFit.isHmm(options) && options.miniBatch < 1) {
      throw new UserError("--mini-batch is not available for --family hmm (a sequence's statistics "
          + "cannot be blended yet); use --mini-batch 1");
    }
    if (HmmFit.isHmm(options)) {
      return HmmFit.family(options, familyOptions);
    }
    Family<?> family = Families.get(options.family, familyOptions);
    boolean readsTrials = family.blockWidth(1) > 1;
    if (readsTrials && !input.hasTrials()) {
      throw new UserError("--family " + family.name() + " needs the number of trials per record: "
          + "pass --trials N or --trials-col COLUMN");
    }
    if (!readsTrials && input.hasTrials()) {
      throw new UserError("--trials and --trials-col are for --family binomial only");
    }
    return family;
  }

  /** The loop's options; a bad value is the user's to fix. */
  static EmOptions emOptions(FitOptions options) {
    return new EmOptions(options.maxIter, options.tol, Accelerator.parse(options.accelerate),
        new MiniBatch(options.miniBatch, options.seed));
  }

  /** What {@code fit} and {@code select} read besides the data: the model of {@code --init model:PATH}. */
  static List<String> inputs(String input, FitOptions options) {
    List<String> paths = new ArrayList<>(List.of(input));
    if (options.init.startsWith("model:")) {
      paths.add(options.init.substring("model:".length()));
    }
    return paths;
  }

  private static boolean known(String name) {
    for (String n : Families.names()) {
      if (n.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
