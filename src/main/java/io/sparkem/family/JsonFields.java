package io.sparkem.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.UserError;

/** Reading and writing the numeric fields of model.json components, with errors a user can act on. */
public final class JsonFields {

  private JsonFields() {}

  public static void putVector(ObjectNode node, String field, double[] v) {
    ArrayNode a = node.putArray(field);
    for (double x : v) {
      a.add(x);
    }
  }

  /** Writes a row-major d × d matrix as an array of rows. */
  public static void putMatrix(ObjectNode node, String field, double[] m, int d) {
    ArrayNode rows = node.putArray(field);
    for (int a = 0; a < d; a++) {
      ArrayNode row = rows.addArray();
      for (int b = 0; b < d; b++) {
        row.add(m[a * d + b]);
      }
    }
  }

  /** The non-empty {@code components} array. */
  public static JsonNode components(JsonNode root) {
    JsonNode comps = root.path("components");
    if (!comps.isArray() || comps.isEmpty()) {
      throw new UserError("model.json has no 'components' array");
    }
    return comps;
  }

  public static double number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new UserError("model.json: component field '" + field + "' must be a finite number");
    }
    return v.asDouble();
  }

  /** A vector of finite numbers of length {@code d} ({@code d < 0}: any length >= 1). */
  public static double[] vector(JsonNode node, String field, int d) {
    JsonNode v = node.path(field);
    if (!v.isArray() || v.isEmpty() || (d >= 0 && v.size() != d)) {
      throw new UserError("model.json: component field '" + field + "' must be an array of "
          + (d >= 0 ? d + " numbers" : "numbers"));
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
        throw new UserError("model.json: '" + field + "'[" + i + "] is not a finite number");
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  /** A d × d matrix given as an array of rows, returned row-major. */
  public static double[] matrix(JsonNode node, String field, int d) {
    JsonNode rows = node.path(field);
    if (!rows.isArray() || rows.size() != d) {
      throw new UserError("model.json: component field '" + field + "' must be a " + d + "×" + d + " matrix");
    }
    double[] out = new double[d * d];
    for (int a = 0; a < d; a++) {
      ObjectNode holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      holder.set("row", rows.get(a));
      System.arraycopy(vector(holder, "row", d), 0, out, a * d, d);
    }
    return out;
  }

  /** Mixing weights must be a probability vector. */
  public static void checkWeights(double[] weights) {
    double s = 0;
    for (double w : weights) {
      if (!(w >= 0)) {
        throw new UserError("model.json: a component weight is negative");
      }
      s += w;
    }
    if (Math.abs(s - 1) > 1e-6) {
      throw new UserError("model.json: component weights sum to " + s + ", not 1");
    }
  }
}
