package io.sparkem.fit;

/**
 * How the fit service names a setting in a message, in the words of the front end that called it:
 * the command line says {@code --k 3} and "pass --k 1", the Spark ML estimators say {@code k = 3}
 * and "setK(1)". Messages are otherwise the same, so a user reads one vocabulary per front end.
 */
public interface Wording {

  /** The setting's name: {@code --k} or {@code k}. */
  String name(Setting setting);

  /** The setting with a value: {@code --k 3} or {@code k = 3}. */
  String value(Setting setting, Object value);

  /** How to set it to {@code value}, as a remedy: {@code pass --k 3} or {@code setK(3)}. */
  String fix(Setting setting, Object value);

  /** What the input's width is, for a model of another dimension: "the input has 3 features; check --features". */
  String inputWidth(int features);

  /** The command line's words. */
  Wording CLI = new Wording() {
    @Override
    public String name(Setting s) {
      return s.flag();
    }

    @Override
    public String value(Setting s, Object v) {
      return s.flag() + " " + v;
    }

    @Override
    public String fix(Setting s, Object v) {
      return "pass " + value(s, v);
    }

    @Override
    public String inputWidth(int features) {
      return "the input has " + features + " features; check --features";
    }
  };

  /** The Spark ML estimators' words; {@code featuresCol} is the vector column they read. */
  static Wording sparkMl(String featuresCol) {
    return new Wording() {
      @Override
      public String name(Setting s) {
        return s.param();
      }

      @Override
      public String value(Setting s, Object v) {
        return s.param() + " = " + v;
      }

      @Override
      public String fix(Setting s, Object v) {
        String p = s.param();
        return "set" + Character.toUpperCase(p.charAt(0)) + p.substring(1)
            + (v instanceof String ? "(\"" + v + "\")" : "(" + v + ")");
      }

      @Override
      public String inputWidth(int features) {
        return "column '" + featuresCol + "' holds vectors of " + features + " values";
      }
    };
  }
}
