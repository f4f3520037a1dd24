package dev.inflow.core.comment;

import dev.inflow.core.InvalidInputException;
import java.util.Locale;

/** How top-level comments are ordered; replies always follow their parent, oldest first. */
public enum CommentSort {
  /** Conversation order. The default. */
  OLDEST,
  /** Most recent first. */
  NEWEST,
  /** Most positive reactions first, then most recent. */
  TOP;

  /** @return the name used in query strings */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value {@code oldest}, {@code newest} or {@code top}; null means oldest
   * @throws InvalidInputException for anything else
   */
  public static CommentSort parse(String value) {
    if (value == null || value.isBlank()) {
      return OLDEST;
    }
    for (CommentSort sort : values()) {
      if (sort.wireName().equalsIgnoreCase(value.strip())) {
        return sort;
      }
    }
    throw new InvalidInputException("sort", "sort is one of oldest, newest, top (got '" + value + "')");
  }
}
