package dev.inflow.examples.intranet;

/** Escaping for text put into the portal's HTML; everything that did not come from the demo's own files goes through it. */
final class Html {
  private Html() {}

  /** @return the text, safe inside element content and double-quoted attribute values */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
