package dev.inflow.client;

import java.util.Locale;

/** Where a question stands. */
public enum QuestionStatus {
  /** Asked, no answer yet. */
  OPEN,
  /** At least one answer, none accepted. */
  ANSWERED,
  /** An answer was accepted. */
  ACCEPTED,
  /** Closed, e.g. as a duplicate of another question. */
  CLOSED;

  /** @return the name used in URLs and JSON: {@code open}, {@code answered}, {@code accepted}, {@code closed} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
