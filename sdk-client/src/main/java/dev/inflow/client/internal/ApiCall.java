package dev.inflow.client.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One logical API call: what to send, and whether sending it twice is harmless. Attempts of the
 * same call send the same bytes and headers (the idempotency key included); only the token is
 * fetched again per attempt, because a retry may come after a short-lived token expired.
 *
 * @param method HTTP method
 * @param path path under the base URL
 * @param query query parameters, in order; unmodifiable
 * @param body a value to send as JSON, or null
 * @param headers extra request headers; unmodifiable
 * @param repeatable whether the call may be sent again after it may have reached the server:
 *     true for GET, PUT and DELETE (idempotent by HTTP's rules), for calls the server treats as
 *     idempotent, and for calls carrying an {@code Idempotency-Key}
 */
public record ApiCall(String method, ApiPath path, Map<String, String> query, Object body, Map<String, String> headers, boolean repeatable) {
  public ApiCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static ApiCall get(ApiPath path) {
    return new ApiCall("GET", path, Map.of(), null, Map.of(), true);
  }

  public static ApiCall put(ApiPath path) {
    return new ApiCall("PUT", path, Map.of(), null, Map.of(), true);
  }

  public static ApiCall delete(ApiPath path) {
    return new ApiCall("DELETE", path, Map.of(), null, Map.of(), true);
  }

  /** @param body the JSON body, or null for none */
  public static ApiCall post(ApiPath path, Object body) {
    return new ApiCall("POST", path, Map.of(), body, Map.of(), false);
  }

  public static ApiCall patch(ApiPath path, Object body) {
    return new ApiCall("PATCH", path, Map.of(), body, Map.of(), false);
  }

  /** @return this call with one more query parameter */
  public ApiCall query(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(query);
    more.put(name, value);
    return new ApiCall(method, path, more, body, headers, repeatable);
  }

  /** @return this call with one more header */
  public ApiCall header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiCall(method, path, query, body, more, repeatable);
  }

  /** @return this call carrying the key, which makes it safe to send again */
  public ApiCall idempotencyKey(String key) {
    return header("Idempotency-Key", key).asRepeatable();
  }

  /** @return this call marked safe to send again: the server gives the same outcome for a repeat */
  public ApiCall asRepeatable() {
    return new ApiCall(method, path, query, body, headers, true);
  }
}
