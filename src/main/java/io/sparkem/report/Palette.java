package io.sparkem.report;

/**
 * Ten colours people can tell apart (Tableau 10, also matplotlib's default cycle); component j gets
 * colour j mod 10.
 */
public final class Palette {

  private static final String[] COLOURS = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
  };

  private Palette() {}

  public static String colour(int j) {
    return COLOURS[Math.floorMod(j, COLOURS.length)];
  }

  public static int size() {
    return COLOURS.length;
  }
}
