package io.sparkem.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sparkem.core.UserError;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The symbols of a categorical emission, ascending: numerically when every symbol is a number
 * (1, 2, …, 10), else as text. Symbol a is the one-hot block column a, and {@code p} of a state
 * follows this order in model.json. A cell is identified by its canonical text: numbers without a
 * trailing ".0" (a CSV "3" and a Parquet 3.0 are the same symbol), text trimmed.
 */
public final class Alphabet implements Serializable {

  private static final long serialVersionUID = 1L;

  private final List<String> symbols;
  private final boolean numeric;
  private final Map<String, Integer> index = new HashMap<>();

  private Alphabet(List<String> symbols, boolean numeric) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("an alphabet needs at least one symbol");
    }
    this.symbols = List.copyOf(symbols);
    this.numeric = numeric;
    for (int a = 0; a < symbols.size(); a++) {
      index.put(symbols.get(a), a);
    }
  }

  /** The alphabet of the canonical symbols seen, sorted. */
  public static Alphabet of(Collection<String> seen) {
    boolean numeric = seen.stream().allMatch(Alphabet::isNumber);
    Comparator<String> order = numeric
        ? Comparator.comparing(BigDecimal::new) : Comparator.naturalOrder();
    TreeSet<String> sorted = new TreeSet<>(order);
    sorted.addAll(seen);
    return new Alphabet(new ArrayList<>(sorted), numeric);
  }

  /** The canonical text of a cell, or null for an empty one. */
  public static String canonical(Object cell) {
    if (cell == null) {
      return null;
    }
    if (cell instanceof Number n) {
      return numberText(n.doubleValue());
    }
    String s = cell.toString().trim();
    if (s.isEmpty()) {
      return null;
    }
    if (isNumber(s)) {
      return numberText(Double.parseDouble(s));
    }
    return s;
  }

  private static String numberText(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static boolean isNumber(String s) {
    return s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  }

  public int size() {
    return symbols.size();
  }

  public List<String> symbols() {
    return symbols;
  }

  /** The index of a canonical symbol, or −1 when it is not in the alphabet. */
  public int indexOf(String symbol) {
    Integer a = index.get(symbol);
    return a == null ? -1 : a;
  }

  /** Writes the symbols as JSON numbers when they are numeric, else as strings. */
  public void writeJson(ArrayNode into) {
    for (String s : symbols) {
      if (numeric) {
        into.add(new BigDecimal(s));
      } else {
        into.add(s);
      }
    }
  }

  /** Reads model.json's {@code alphabet}. */
  public static Alphabet readJson(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw new UserError("model.json: a categorical hmm needs a non-empty 'alphabet' array");
    }
    List<String> seen = new ArrayList<>();
    for (JsonNode s : node) {
      String c = canonical(s.isNumber() ? (Object) s.asDouble() : s.asText());
      if (c == null || seen.contains(c)) {
        throw new UserError("model.json: 'alphabet' holds an empty or repeated symbol '" + s.asText() + "'");
      }
      seen.add(c);
    }
    Alphabet a = of(seen);
    if (!a.symbols.equals(seen)) {
      throw new UserError("model.json: 'alphabet' must be in ascending order (p follows it)");
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Alphabet a && a.symbols.equals(symbols);
  }

  @Override
  public int hashCode() {
    return symbols.hashCode();
  }

  @Override
  public String toString() {
    return symbols.toString();
  }
}
