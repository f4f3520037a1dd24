package dev.inflow.core.notification;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.inflow.core.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Why someone is notified. New reasons are added as features arrive; clients ignore ones they do not know. */
public enum NotificationReason {
  /** A question was routed to the recipient as an expert for one of its tags. */
  QUESTION_ROUTED("question.routed"),
  /** A question nobody answered in time was escalated to the recipient (next experts or the tag's community manager). */
  QUESTION_ESCALATED("question.escalated"),
  /** Someone answered the recipient's question. */
  ANSWER_POSTED("answer.posted"),
  /** The recipient's answer was accepted. */
  ANSWER_ACCEPTED("answer.accepted"),
  /** An expert marked the recipient's answer as verified. */
  ANSWER_VERIFIED("answer.verified"),
  /** Someone replied to the recipient's comment. */
  COMMENT_REPLIED("comment.replied"),
  /** Someone mentioned the recipient ({@code @id}) in a comment, question or answer. */
  MENTIONED("mentioned");

  private final String wireName;

  NotificationReason(String wireName) {
    this.wireName = wireName;
  }

  /** @return the name used in JSON and storage, e.g. {@code question.routed} */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * @param value a wire name
   * @throws InvalidInputException for unknown names
   */
  public static NotificationReason parse(String value) {
    for (NotificationReason reason : values()) {
      if (reason.wireName.equals(value)) {
        return reason;
      }
    }
    throw new InvalidInputException("reason", "reason is one of "
        + Arrays.stream(values()).map(NotificationReason::wireName).collect(Collectors.joining(", ")));
  }
}
