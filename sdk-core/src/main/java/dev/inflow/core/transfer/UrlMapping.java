package dev.inflow.core.transfer;

import dev.inflow.core.InvalidInputException;
import dev.inflow.core.target.internal.TargetKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How imported pages find their target key: rules of a URL prefix and a key template, tried in
 * order. The template may use {@code {path}} (the rest of the URL after the prefix, without query,
 * fragment and outer slashes), {@code {slug}} (its last segment) and {@code {id}} (the source's
 * own id of the thread: the Disqus identifier, the WordPress post id). Schemes are ignored when
 * matching, so {@code https://} rules also match old {@code http://} links. Characters that a key
 * may not hold become {@code -}.
 *
 * <pre>{@code
 * UrlMapping.parse("map", List.of("https://blog.example.com/posts/=blog/{slug}"))
 *     .keyFor("https://blog.example.com/posts/hello-world/", "42")   // Optional[blog/hello-world]
 * }</pre>
 *
 * @param rules the rules, in order; unmodifiable, never empty
 */
public record UrlMapping(List<Rule> rules) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]*)}");

  /**
   * One rule.
   *
   * @param urlPrefix e.g. {@code https://blog.example.com/posts/}
   * @param keyTemplate e.g. {@code blog/{slug}}
   */
  public record Rule(String urlPrefix, String keyTemplate) {
    public Rule {
      Objects.requireNonNull(urlPrefix, "urlPrefix");
      Objects.requireNonNull(keyTemplate, "keyTemplate");
    }
  }

  public UrlMapping {
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new InvalidInputException("map", "give at least one rule URL_PREFIX=KEY_TEMPLATE, e.g. https://blog.example.com/=blog/{path}");
    }
  }

  /**
   * @param field the option or parameter the rules came from, for errors
   * @param specs rules written {@code URL_PREFIX=KEY_TEMPLATE}; the template is what follows the
   *     last {@code =}, so prefixes such as {@code https://example.com/?p=} work
   * @throws InvalidInputException naming the rule that is malformed
   */
  public static UrlMapping parse(String field, List<String> specs) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String spec = specs.get(i) == null ? "" : specs.get(i).strip();
      String name = specs.size() == 1 ? field : field + "[" + i + "]";
      int eq = spec.lastIndexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new InvalidInputException(name, "a rule is URL_PREFIX=KEY_TEMPLATE, e.g. https://blog.example.com/=blog/{path} (got '" + spec + "')");
      }
      String prefix = spec.substring(0, eq).strip();
      String template = spec.substring(eq + 1).strip();
      if (!prefix.toLowerCase(Locale.ROOT).matches("https?://[^\\s/]+.*")) {
        throw new InvalidInputException(name, "the URL prefix starts with http:// or https:// and a host (got '" + prefix + "')");
      }
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        if (!List.of("path", "slug", "id").contains(m.group(1))) {
          throw new InvalidInputException(name, "a key template may use {path}, {slug} and {id} (got {" + m.group(1) + "})");
        }
      }
      String sample = template.replaceAll("\\{[a-z]+}", "x");
      try {
        TargetKeys.requireValid(name, sample);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(name, "the key template does not make a valid target key: " + e.errors().get(0).message());
      }
      rules.add(new Rule(prefix, template));
    }
    return new UrlMapping(rules);
  }

  /**
   * @param url the page URL of an imported thread
   * @param sourceId the source's id of the thread, for {@code {id}}
   * @return the target key of the first rule whose prefix the URL starts with and that makes a
   *     valid key; empty when none does
   */
  public Optional<String> keyFor(String url, String sourceId) {
    if (url == null) {
      return Optional.empty();
    }
    String u = withoutScheme(url.strip());
    for (Rule rule : rules) {
      String prefix = withoutScheme(rule.urlPrefix());
      if (!u.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String path = u.substring(prefix.length()).replaceFirst("[?#].*$", "").replaceAll("^/+|/+$", "");
      String slug = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
      String key = rule.keyTemplate()
          .replace("{path}", clean(path))
          .replace("{slug}", clean(slug))
          .replace("{id}", clean(sourceId == null ? "" : sourceId))
          .replaceAll("/{2,}", "/").replaceAll("^/|/$", "");
      try {
        return Optional.of(TargetKeys.requireValid("key", key));
      } catch (InvalidInputException e) {
        // this rule makes no valid key for this URL (an empty path, say); a later rule may
      }
    }
    return Optional.empty();
  }

  private static String withoutScheme(String url) {
    return url.replaceFirst("(?i)^https?://", "");
  }

  private static String clean(String value) {
    return value.replaceAll("[^A-Za-z0-9._~:@/-]", "-");
  }
}
