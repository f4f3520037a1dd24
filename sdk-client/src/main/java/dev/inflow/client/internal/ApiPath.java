package dev.inflow.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A path under the base URL, percent-encoded one segment at a time. Target keys keep their
 * {@code /} as segment separators (the server matches {@code /targets/{key+}/comments}) and their
 * {@code :} and {@code @} literal; everything outside RFC 3986's unreserved characters is
 * encoded, including {@code ;} and {@code +}, which servlet containers would otherwise read as a
 * path parameter or leave ambiguous.
 *
 * @param encoded the encoded path without a leading slash, e.g. {@code api/v1/comments/42}
 */
public record ApiPath(String encoded) {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public ApiPath {
    Objects.requireNonNull(encoded, "encoded");
  }

  /** @return {@code api/v1/} followed by the literal, already safe segments, e.g. {@code v1("comments", "counts")} */
  public static ApiPath v1(String... literals) {
    return new ApiPath("api/v1").then(literals);
  }

  /** @return this path followed by literal segments the client itself spells (ASCII, no escaping needed) */
  public ApiPath then(String... literals) {
    StringBuilder out = new StringBuilder(encoded);
    for (String literal : literals) {
      out.append('/').append(literal);
    }
    return new ApiPath(out.toString());
  }

  /**
   * @param name what the value is, for the error
   * @param value one path segment from the caller: an id, an emoji
   * @return this path followed by the value, encoded
   * @throws IllegalArgumentException when the value is empty, {@code .} or {@code ..} (a URL cannot carry them)
   */
  public ApiPath segment(String name, String value) {
    Objects.requireNonNull(value, name);
    requireAddressable(name, value, value);
    return new ApiPath(encoded + "/" + encode(value));
  }

  /**
   * @param targetKey e.g. {@code order:4711} or {@code kb/network/vpn-setup}
   * @return this path followed by the key, each {@code /}-separated segment encoded
   * @throws IllegalArgumentException when a segment is empty, {@code .} or {@code ..}
   */
  public ApiPath targetKey(String targetKey) {
    Objects.requireNonNull(targetKey, "targetKey");
    StringBuilder out = new StringBuilder(encoded);
    for (String segment : targetKey.split("/", -1)) {
      requireAddressable("targetKey", segment, targetKey);
      out.append('/').append(encode(segment));
    }
    return new ApiPath(out.toString());
  }

  private static void requireAddressable(String name, String segment, String whole) {
    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException(name + " cannot be sent in a URL path: its '/'-separated parts must not be empty, '.' or '..' (got '"
          + (whole.length() > 60 ? whole.substring(0, 60) + "…" : whole) + "')");
    }
  }

  static String encode(String segment) {
    StringBuilder out = new StringBuilder(segment.length() + 8);
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "/" + encoded;
  }
}
