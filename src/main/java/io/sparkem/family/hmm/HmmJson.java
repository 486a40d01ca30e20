package io.sparkem.family.hmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkem.core.Alphabet;
import io.sparkem.core.Family;
import io.sparkem.core.Model;
import io.sparkem.core.UserError;
import io.sparkem.family.JsonFields;
import java.util.Iterator;
import java.util.Map;

/** A hidden Markov model's θ in model.json, written and read for {@link HmmFamily}. */
final class HmmJson {

  private HmmJson() {}

  /**
   * model.json: {@code emission}, {@code start}, {@code transitions}, the emission family's root
   * fields (gaussian: {@code covariance}), {@code components} with the emission fields of each state
   * and no {@code weight}, and for categorical the {@code alphabet}.
   */
  static <E extends Model> void write(Emission kind, Family<E> emission, Alphabet alphabet,
      HiddenMarkovModel<E> theta, ObjectNode root) {
    root.put("emission", kind.cliName());
    JsonFields.putVector(root, "start", theta.start());
    ArrayNode rows = root.putArray("transitions");
    for (double[] row : theta.transitions()) {
      ArrayNode r = rows.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    if (alphabet != null) {
      alphabet.writeJson(root.putArray("alphabet"));
    }
    ObjectNode inner = JsonNodeFactory.instance.objectNode();
    emission.writeJson(theta.emission(), inner);
    for (Iterator<Map.Entry<String, JsonNode>> it = inner.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equals("components")) {
        for (JsonNode c : f.getValue()) {
          ((ObjectNode) c).remove("weight");
        }
      }
      root.set(f.getKey(), f.getValue());
    }
  }

  static <E extends Model> HiddenMarkovModel<E> read(Emission kind, Family<E> emission, Alphabet alphabet,
      JsonNode root) {
    String kindName = root.path("emission").asText("gaussian");
    if (!kindName.equals(kind.cliName())) {
      throw new UserError("the model has emission '" + kindName + "' but the job uses '"
          + kind.cliName() + "'; pass --emission " + kindName);
    }
    if (alphabet != null) {
      Alphabet seen = Alphabet.readJson(root.path("alphabet"));
      if (!seen.equals(alphabet)) {
        throw new UserError("the model's alphabet " + seen + " differs from the symbols of the input "
            + alphabet + "; fit without --init model:PATH, or give the model every symbol");
      }
    }
    JsonNode comps = JsonFields.components(root);
    int k = comps.size();
    ObjectNode inner = root.deepCopy();
    for (JsonNode c : inner.path("components")) {
      ((ObjectNode) c).put("weight", 1.0 / k);
    }
    E emissionTheta = emission.readJson(inner);
    double[] start = probabilities(root.path("start"), k, "start");
    JsonNode rows = root.path("transitions");
    if (!rows.isArray() || rows.size() != k) {
      throw new UserError("model.json: 'transitions' must be a " + k + "×" + k + " matrix");
    }
    double[][] trans = new double[k][];
    for (int i = 0; i < k; i++) {
      trans[i] = probabilities(rows.get(i), k, "transitions row " + i);
    }
    return new HiddenMarkovModel<>(start, trans, emissionTheta);
  }

  /** k probabilities summing to 1 within 1e-6, rescaled to sum to 1 exactly. */
  private static double[] probabilities(JsonNode node, int k, String what) {
    ObjectNode holder = JsonNodeFactory.instance.objectNode();
    holder.set("v", node);
    double[] p;
    try {
      p = JsonFields.vector(holder, "v", k);
    } catch (UserError e) {
      throw new UserError("model.json: '" + what + "' must be " + k + " probabilities", e);
    }
    double s = 0;
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new UserError("model.json: '" + what + "' holds " + v + ", not a probability");
      }
      s += v;
    }
    if (Math.abs(s - 1) > 1e-6) {
      throw new UserError("model.json: '" + what + "' sums to " + s + ", not 1");
    }
    for (int j = 0; j < k; j++) {
      p[j] /= s;
    }
    return p;
  }
}
