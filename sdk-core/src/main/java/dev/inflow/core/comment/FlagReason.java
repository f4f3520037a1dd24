package dev.inflow.core.comment;

import dev.inflow.core.InvalidInputException;
import java.util.Locale;

/** Why someone flags a comment. */
public enum FlagReason {
  SPAM, ABUSE, OFF_TOPIC, OTHER;

  /** @return the name used in JSON: {@code spam}, {@code abuse}, {@code off-topic}, {@code other} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param value a wire name; null means {@link #OTHER}
   * @throws InvalidInputException for unknown names
   */
  public static FlagReason parse(String value) {
    if (value == null || value.isBlank()) {
      return OTHER;
    }
    for (FlagReason reason : values()) {
      if (reason.wireName().equalsIgnoreCase(value.strip())) {
        return reason;
      }
    }
    throw new InvalidInputException("reason", "reason is one of spam, abuse, off-topic, other (got '" + value + "')");
  }
}
