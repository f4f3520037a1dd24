package dev.inflow.client;

import java.util.Locale;

/** How top-level comments are ordered in a list; replies always follow their parent, oldest first. */
public enum CommentSort {
  /** Conversation order; the server's default. */
  OLDEST,
  /** Most recent first. */
  NEWEST,
  /** Most positive reactions first, then most recent. */
  TOP;

  /** @return the name used in query strings: {@code oldest}, {@code newest}, {@code top} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
