package dev.inflow.core.target.internal;

import dev.inflow.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * What a target key may look like: 1–200 characters of letters, digits and {@code ._~:@/-}, in
 * {@code /}-separated segments that are neither empty nor {@code .} or {@code ..}. Keys appear in
 * URL paths, so anything a proxy or container might normalise is ruled out up front.
 */
public final class TargetKeys {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:@-]+(/[A-Za-z0-9._~:@-]+)*");
  public static final int MAX_LENGTH = 200;

  private TargetKeys() {}

  /**
   * @param field the field or parameter the key came from, for the error
   * @return the key
   * @throws InvalidInputException when it is not a valid key
   */
  public static String requireValid(String field, String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidInputException(field, "a target key is required, e.g. order:4711");
    }
    if (key.length() > MAX_LENGTH) {
      throw new InvalidInputException(field, "a target key is at most " + MAX_LENGTH + " characters");
    }
    if (!KEY.matcher(key).matches()) {
      throw new InvalidInputException(field, "a target key is made of letters, digits and ._~:@-, in segments separated by single '/' (got '"
          + (key.length() > 60 ? key.substring(0, 60) + "…" : key) + "')");
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidInputException(field, "a target key may not contain '.' or '..' segments");
      }
    }
    return key;
  }
}
