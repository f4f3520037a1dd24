package dev.inflow.core.question;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.inflow.core.InvalidInputException;
import java.util.Locale;

/** Where a question stands: open → answered → accepted; closed as a duplicate by moderators. */
public enum QuestionStatus {
  /** Nobody has answered yet; routing and escalation run while a question is open. */
  OPEN,
  /** At least one answer, none accepted. */
  ANSWERED,
  /** The asker (or a moderator) accepted an answer. */
  ACCEPTED,
  /** Closed by a moderator as a duplicate of another question; takes no more answers. */
  CLOSED;

  /** @return the name used in JSON and query strings, e.g. {@code open} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value a wire name, any case
   * @throws InvalidInputException naming {@code status} for anything else
   */
  public static QuestionStatus parse(String value) {
    if (value != null) {
      for (QuestionStatus status : values()) {
        if (status.wireName().equalsIgnoreCase(value.strip())) {
          return status;
        }
      }
    }
    throw new InvalidInputException("status", "status is one of open, answered, accepted, closed (got '" + value + "')");
  }
}
