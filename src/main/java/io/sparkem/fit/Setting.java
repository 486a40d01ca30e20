package io.sparkem.fit;

/**
 * The settings the fit service names in its messages, with their command-line flag and their Spark
 * ML param name; {@link Wording} turns them into the words of the caller's front end.
 */
public enum Setting {
  K("k", "k"),
  FAMILY("family", "family"),
  COVARIANCE("covariance", "covariance"),
  INIT("init", "init"),
  RESTARTS("restarts", "restarts"),
  REG_COVAR("reg-covar", "regCovar"),
  PSEUDO_COUNT("pseudo-count", "pseudoCount"),
  MISSING("missing", "missing"),
  MINI_BATCH("mini-batch", "miniBatch"),
  ACCELERATE("accelerate", "accelerate"),
  TRIALS("trials", "trials"),
  TRIALS_COL("trials-col", "trialsCol"),
  LABEL_COL("label-col", "labelCol"),
  NO_INTERCEPT("no-intercept", "fitIntercept"),
  SEQUENCE_COL("sequence-col", "sequenceCol"),
  ORDER_COL("order-col", "orderCol"),
  MAX_SEQUENCE_LENGTH("max-sequence-length", "maxSequenceLength"),
  CHECKPOINT_DIR("checkpoint-dir", "checkpointDir"),
  RESUME("resume", "resume"),
  FEATURES("features", "featuresCol"),
  DECAY("decay", "decay");

  private final String flag;
  private final String param;

  Setting(String flag, String param) {
    this.flag = flag;
    this.param = param;
  }

  /** The command-line flag, {@code --reg-covar}. */
  public String flag() {
    return "--" + flag;
  }

  /** The Spark ML param, {@code regCovar}. */
  public String param() {
    return param;
  }
}
