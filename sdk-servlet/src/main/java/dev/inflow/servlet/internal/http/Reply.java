package dev.inflow.servlet.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, headers, and either a value to write as JSON or raw bytes.
 *
 * @param status HTTP status
 * @param headers extra response headers, unmodifiable
 * @param json a value written as JSON, or null
 * @param bytes a raw body, or null
 * @param contentType the content type of {@code bytes} or {@code json}
 */
public record Reply(int status, Map<String, String> headers, Object json, byte[] bytes, String contentType) {
  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply json(int status, Object body) {
    return new Reply(status, Map.of(), body, null, "application/json");
  }

  public static Reply ok(Object body) {
    return json(200, body);
  }

  /** The handler answered by itself (an upgrade or a stream); nothing more is written. */
  public static Reply handled() {
    return new Reply(0, Map.of(), null, null, null);
  }

  /** @return whether the handler answered by itself */
  public boolean isHandled() {
    return status == 0;
  }

  public static Reply noContent() {
    return new Reply(204, Map.of(), null, null, null);
  }

  public static Reply bytes(int status, String contentType, byte[] body) {
    return new Reply(status, Map.of(), null, body, contentType);
  }

  /** @return this reply with one more header */
  public Reply header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, more, json, bytes, contentType);
  }
}
