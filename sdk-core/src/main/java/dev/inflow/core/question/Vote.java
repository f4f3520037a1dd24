package dev.inflow.core.question;

import dev.inflow.core.InvalidInputException;

/** A vote on an answer: one per user and answer, changeable. */
public enum Vote {
  UP(1), DOWN(-1);

  private final int value;

  Vote(int value) {
    this.value = value;
  }

  /** @return +1 or -1, what the vote adds to the answer's score */
  public int value() {
    return value;
  }

  /**
   * @param value {@code up}, {@code down}, {@code 1}, {@code +1} or {@code -1}
   * @throws InvalidInputException naming {@code value} for anything else
   */
  public static Vote parse(String value) {
    if (value != null) {
      switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "up", "1", "+1" -> {
          return UP;
        }
        case "down", "-1" -> {
          return DOWN;
        }
        default -> {
          // reported below
        }
      }
    }
    throw new InvalidInputException("value", "value is up or down (got '" + value + "')");
  }
}
