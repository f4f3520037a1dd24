package dev.inflow.client;

import java.util.Locale;

/** A vote on an answer: one per user and answer, changed by voting again. */
public enum Vote {
  /** The answer helped. */
  UP,
  /** The answer is wrong or unhelpful. */
  DOWN;

  /** @return the name used in JSON: {@code up} or {@code down} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
