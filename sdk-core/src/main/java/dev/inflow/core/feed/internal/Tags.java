package dev.inflow.core.feed.internal;

import dev.inflow.core.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Topic tags as the feed accepts them: the same shape as expertise tags, compared in lower case. */
public final class Tags {
  private static final Pattern TAG = Pattern.compile("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}._+#-]{0,49}");

  private Tags() {}

  /**
   * @return the tag in lower case
   * @throws InvalidInputException naming the field unless it is 1–50 letters, digits or ._+#-
   */
  public static String requireValid(String field, String tag) {
    String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
    if (!TAG.matcher(t).matches()) {
      throw new InvalidInputException(field, "a topic is 1 to 50 letters, digits or ._+#-, starting with a letter or digit (got '"
          + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "')");
    }
    return t;
  }
}
