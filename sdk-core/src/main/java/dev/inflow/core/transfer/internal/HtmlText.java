package dev.inflow.core.transfer.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML of imported comments into the Markdown Inflow stores: paragraphs, line breaks,
 * links, emphasis, code and quotes survive; other tags are dropped; text that Markdown would read
 * as formatting is escaped. The result is rendered and sanitised like any comment, so nothing in
 * an export file reaches a page as raw HTML.
 */
final class HtmlText {
  private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*?href\\s*=\\s*(\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  /** Markers for formatting found in the HTML, so that escaping the text leaves them alone. */
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';

  private HtmlText() {}

  static String toMarkdown(String html) {
    if (html == null) {
      return "";
    }
    String s = html.replace("\r\n", "\n");
    // Plain-text comments (WordPress stores most that way) keep their line breaks.
    s = s.replaceAll("(?i)<br\\s*/?>", "\n");
    s = s.replaceAll("(?i)</p\\s*>\\s*", "\n\n").replaceAll("(?i)<p(\\s[^>]*)?>", "");
    s = s.replaceAll("(?is)<blockquote[^>]*>(.*?)</blockquote\\s*>", OPEN + "quote" + CLOSE + "$1" + OPEN + "/quote" + CLOSE);
    s = s.replaceAll("(?i)</?(strong|b)(\\s[^>]*)?>", OPEN + "**" + CLOSE);
    s = s.replaceAll("(?i)</?(em|i)(\\s[^>]*)?>", OPEN + "_" + CLOSE);
    s = s.replaceAll("(?i)</?code(\\s[^>]*)?>", OPEN + "`" + CLOSE);
    s = s.replaceAll("(?i)<li(\\s[^>]*)?>", "\n" + OPEN + "- " + CLOSE).replaceAll("(?i)</(ul|ol)\\s*>", "\n\n");
    StringBuilder out = new StringBuilder();
    Matcher m = LINK.matcher(s);
    int last = 0;
    while (m.find()) {
      out.append(s, last, m.start());
      String href = decode(m.group(2) != null ? m.group(2) : m.group(3)).strip();
      String text = TAG.matcher(m.group(4)).replaceAll("");
      if (href.matches("(?i)(https?|mailto):.*")) {
        out.append(OPEN).append('[').append(CLOSE).append(text).append(OPEN).append("](")
            .append(href.replace(")", "%29").replace(" ", "%20")).append(')').append(CLOSE);
      } else {
        out.append(text);
      }
      last = m.end();
    }
    out.append(s.substring(last));
    String text = decode(TAG.matcher(out.toString()).replaceAll(""));
    text = escape(text);
    text = quote(text).replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
    return text.replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
  }

  /** Escapes what Markdown would take as formatting, outside the markers. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    boolean inMarker = false;
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == OPEN) {
        inMarker = true;
      } else if (c == CLOSE) {
        inMarker = false;
      } else if (!inMarker) {
        if ("\\*_`[]<".indexOf(c) >= 0 || (lineStart && "#>+-=|".indexOf(c) >= 0)) {
          out.append('\\');
        }
      }
      out.append(c);
      if (c == '\n') {
        lineStart = true;
      } else if (c != ' ' && c != OPEN && c != CLOSE) {
        lineStart = false;
      }
    }
    return out.toString();
  }

  /** Prefixes the lines between quote markers with {@code > }. */
  private static String quote(String text) {
    String open = OPEN + "quote" + CLOSE;
    String close = OPEN + "/quote" + CLOSE;
    StringBuilder out = new StringBuilder();
    int from = 0;
    int start;
    while ((start = text.indexOf(open, from)) >= 0) {
      int end = text.indexOf(close, start);
      if (end < 0) {
        break;
      }
      out.append(text, from, start).append("\n\n");
      for (String line : text.substring(start + open.length(), end).strip().split("\n", -1)) {
        out.append("> ").append(line).append('\n');
      }
      out.append('\n');
      from = end + close.length();
    }
    return out.append(text.substring(from)).toString();
  }

  static String decode(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String replacement;
      if (e.startsWith("#x") || e.startsWith("#X")) {
        replacement = codePoint(Integer.parseInt(e.substring(2), 16), m.group());
      } else if (e.startsWith("#")) {
        replacement = codePoint(Integer.parseInt(e.substring(1)), m.group());
      } else {
        replacement = switch (e) {
          case "amp" -> "&";
          case "lt" -> "<";
          case "gt" -> ">";
          case "quot" -> "\"";
          case "apos" -> "'";
          case "nbsp" -> " ";
          case "hellip" -> "…";
          case "mdash" -> "—";
          case "ndash" -> "–";
          case "lsquo" -> "‘";
          case "rsquo" -> "’";
          case "ldquo" -> "“";
          case "rdquo" -> "”";
          default -> m.group();
        };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(int cp, String original) {
    return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : original;
  }
}
