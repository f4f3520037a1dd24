package dev.inflow.core.internal;

import dev.inflow.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: the keyset position of the last item, base64url-encoded so that clients
 * treat it as a token rather than something to build by hand.
 */
public final class Cursors {
  private static final char SEPARATOR = '\u001F';

  private Cursors() {}

  /** @return a cursor holding the parts */
  public static String encode(Object... parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(SEPARATOR);
      }
      sb.append(parts[i]);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param kind the first part every cursor of this list starts with, so that a cursor of one list
   *     is refused by another
   * @param parts how many parts after the kind
   * @return the parts after the kind
   * @throws InvalidInputException naming {@code cursor} when it is not one of ours
   */
  public static List<String> decode(String cursor, String kind, int parts) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      List<String> all = List.of(text.split(String.valueOf(SEPARATOR), -1));
      if (all.size() == parts + 1 && all.get(0).equals(kind)) {
        return all.subList(1, all.size());
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw new InvalidInputException("cursor", "this cursor does not belong to this list; pass the 'next' value of the previous page as it is");
  }

  /** @return the part as a number, or the same cursor error */
  public static long number(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("cursor", "this cursor is damaged; start again from the first page");
    }
  }
}
