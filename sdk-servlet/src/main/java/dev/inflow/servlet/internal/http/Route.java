package dev.inflow.servlet.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint: a method and a path pattern under the mount path. {@code {name}} matches one path
 * segment; {@code {name+}} matches one or more (for target keys such as {@code kb/vpn-setup}).
 *
 * @param method HTTP method
 * @param pattern e.g. {@code /api/v1/targets/{key+}/comments}
 * @param handler what answers
 * @param access who may call it and how it is limited
 */
public record Route(String method, String pattern, Handler handler, Access access) {
  /** How a route is guarded. */
  public enum Access {
    /** API read: authenticated if credentials are sent, rate limited as a read. */
    READ,
    /** API write: CSRF-checked for cookie logins, rate limited by the core as a write. */
    WRITE,
    /** Health, metrics, documents and widget files: no identity, no limits. */
    PUBLIC
  }

  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Exchange exchange) throws Exception;
  }

  /** @return the path pattern compiled to a regex with one named group per parameter */
  Pattern regex() {
    StringBuilder regex = new StringBuilder("^");
    Matcher m = Pattern.compile("\\{(\\w+)(\\+?)}").matcher(pattern);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(pattern.substring(last, m.start())));
      regex.append("(?<").append(m.group(1)).append(">").append(m.group(2).isEmpty() ? "[^/]+" : ".+").append(")");
      last = m.end();
    }
    regex.append(Pattern.quote(pattern.substring(last))).append("$");
    return Pattern.compile(regex.toString());
  }

  /** @return the names of the path parameters, in order */
  List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\{(\\w+)\\+?}").matcher(pattern);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** @return the pattern as OpenAPI writes it: {@code {key}} for both kinds of parameter */
  public String openApiPath() {
    return pattern.replace("+}", "}");
  }
}
