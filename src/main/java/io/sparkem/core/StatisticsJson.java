package io.sparkem.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reading and writing the sums of model.json's {@code statistics}: finite numbers and vectors of
 * them, written as JSON numbers that parse back to the same doubles, and read with a
 * {@link UserError} naming the field when one is missing or malformed (a hand-edited file).
 */
public final class StatisticsJson {

  private StatisticsJson() {}

  public static void putVector(ObjectNode node, String field, double[] v) {
    ArrayNode a = node.putArray(field);
    for (double x : v) {
      a.add(x);
    }
  }

  /** The finite number {@code node.field}. */
  public static double number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new UserError("statistics: '" + field + "' must be a finite number; expected the statistics a fit "
          + "wrote into model.json");
    }
    return v.asDouble();
  }

  /** The array of {@code length} finite numbers {@code node.field}. */
  public static double[] vector(JsonNode node, String field, int length) {
    return values(node.path(field), field, length);
  }

  /** The array {@code v} (called {@code field} in messages) of {@code length} finite numbers. */
  public static double[] values(JsonNode v, String field, int length) {
    if (!v.isArray() || v.size() != length) {
      throw new UserError("statistics: '" + field + "' must be an array of " + length + " numbers; expected the "
          + "statistics a fit wrote into model.json");
    }
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
        throw new UserError("statistics: '" + field + "'[" + i + "] is not a finite number");
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  /** The array {@code node.field} of exactly {@code length} elements. */
  public static JsonNode array(JsonNode node, String field, int length) {
    JsonNode v = node.path(field);
    if (!v.isArray() || v.size() != length) {
      throw new UserError("statistics: '" + field + "' must be an array of " + length + " entries; expected the "
          + "statistics a fit wrote into model.json");
    }
    return v;
  }
}
