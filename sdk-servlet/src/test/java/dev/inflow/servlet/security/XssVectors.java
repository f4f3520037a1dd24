package dev.inflow.servlet.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The injection corpus in {@code xss-vectors.txt} (one {@code category<TAB>payload} a line), and
 * the check that a piece of server-rendered HTML carries nothing that could run or restyle the page.
 */
final class XssVectors {
  /** A payload and the kind of attack it tries. */
  record Vector(int line, String category, String payload) {
    /** @return the payload usable as a display name: one line, no control characters */
    String asName() {
      String name = payload.replaceAll("\\p{Cntrl}", " ").strip();
      return name.length() > 200 ? name.substring(0, 200) : name;
    }

    @Override
    public String toString() {
      return "line " + line + " (" + category + "): " + payload;
    }
  }

  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=/]+)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?");
  /** What Markdown may produce; anything else in the output means raw HTML got through. */
  private static final java.util.Set<String> ALLOWED_TAGS = java.util.Set.of("p", "br", "a", "em", "strong", "code", "pre",
      "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "del", "s", "table", "thead", "tbody",
      "tr", "th", "td", "span");
  private static final java.util.Set<String> ALLOWED_ATTRIBUTES = java.util.Set.of("href", "rel", "title", "src", "alt", "class",
      "start", "align", "target", "data-mention", "data-user", "loading", "referrerpolicy");

  private XssVectors() {}

  static List<Vector> load() {
    try (InputStream in = XssVectors.class.getResourceAsStream("xss-vectors.txt")) {
      if (in == null) {
        throw new IllegalStateException("xss-vectors.txt is missing from the test resources");
      }
      List<Vector> vectors = new ArrayList<>();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IllegalStateException("xss-vectors.txt line " + (i + 1) + " has no tab between category and payload");
        }
        vectors.add(new Vector(i + 1, line.substring(0, tab), unescape(line.substring(tab + 1))));
      }
      return List.copyOf(vectors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == 'n') {
          out.append('\n');
          i++;
          continue;
        }
        if (n == 't') {
          out.append('\t');
          i++;
          continue;
        }
        if (n == 'u' && i + 5 < s.length() && s.substring(i + 2, i + 6).matches("[0-9A-Fa-f]{4}")) {
          out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
          i += 5;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * @return what is dangerous in server-rendered HTML: elements outside what Markdown makes, event
   *     handler or style attributes, and links or sources with a scheme other than http, https or mailto
   *     (after decoding entities and dropping the whitespace and control characters browsers ignore)
   */
  static List<String> dangers(String html) {
    List<String> found = new ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      String name = tag.group(2).toLowerCase(Locale.ROOT);
      if (!ALLOWED_TAGS.contains(name)) {
        found.add("element <" + name + ">");
      }
      Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
      while (attribute.find()) {
        String attr = attribute.group(1).toLowerCase(Locale.ROOT);
        String value = attribute.group(2) == null ? "" : decode(attribute.group(2).replaceAll("^[\"']|[\"']$", ""));
        if (attr.startsWith("on") || attr.equals("style") || !ALLOWED_ATTRIBUTES.contains(attr)) {
          found.add("attribute " + attr + " on <" + name + ">");
        }
        if ((attr.equals("href") || attr.equals("src")) && !safeUrl(value)) {
          found.add(attr + "=\"" + value + "\" on <" + name + ">");
        }
      }
    }
    String lower = html.toLowerCase(Locale.ROOT);
    for (String raw : new String[] {"<script", "<iframe", "<svg", "<math", "<style", "<object", "<embed"}) {
      if (lower.contains(raw)) {
        found.add("raw " + raw);
      }
    }
    return found;
  }

  /** @return whether a browser would resolve the URL to http, https or mailto (or a relative URL) */
  static boolean safeUrl(String value) {
    String url = value.replaceAll("[\\p{Cntrl}\\s]", "").toLowerCase(Locale.ROOT);
    int colon = url.indexOf(':');
    int slash = url.indexOf('/');
    boolean relative = colon < 0 || (slash >= 0 && slash < colon) || url.indexOf('?') >= 0 && url.indexOf('?') < colon
        || url.indexOf('#') >= 0 && url.indexOf('#') < colon;
    return relative || url.startsWith("http:") || url.startsWith("https:") || url.startsWith("mailto:");
  }

  private static String decode(String value) {
    Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|colon|tab|newline);?").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String c = switch (e) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "colon" -> ":";
        case "tab" -> "\t";
        case "newline" -> "\n";
        default -> new String(Character.toChars(e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
      };
      m.appendReplacement(out, Matcher.quoteReplacement(c));
    }
    m.appendTail(out);
    return out.toString();
  }
}
