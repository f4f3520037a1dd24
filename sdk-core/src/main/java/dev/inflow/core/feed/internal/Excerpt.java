package dev.inflow.core.feed.internal;

/** The first words of a text, for an activity's object name or an xAPI response. */
public final class Excerpt {
  private Excerpt() {}

  /** @return the text on one line, cut at a word boundary to at most {@code max} characters with "…" */
  public static String of(String text, int max) {
    String line = text.replaceAll("\\s+", " ").strip();
    if (line.codePointCount(0, line.length()) <= max) {
      return line;
    }
    String cut = line.substring(0, line.offsetByCodePoints(0, max - 1));
    int space = cut.lastIndexOf(' ');
    if (space > max / 2) {
      cut = cut.substring(0, space);
    }
    return cut.strip() + "…";
  }
}
