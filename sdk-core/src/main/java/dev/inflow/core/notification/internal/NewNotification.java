package dev.inflow.core.notification.internal;

import dev.inflow.core.notification.NotificationReason;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification to send, as features describe it.
 *
 * @param recipientId who gets it
 * @param reason why
 * @param questionId the question it is about, if any
 * @param answerId the answer it is about, if any
 * @param commentId the comment it is about, if any
 * @param accessKey the key whose readability decides whether the recipient may still see it
 * @param title what to show
 * @param actorId who caused it; empty when nobody should be named (anonymous asker, escalation)
 * @param url where to look at it, if known
 */
public record NewNotification(String recipientId, NotificationReason reason, Optional<Long> questionId, Optional<Long> answerId,
    Optional<Long> commentId, String accessKey, String title, Optional<String> actorId, Optional<String> url) {

  /** A notification about a question or an answer. */
  public NewNotification(String recipientId, NotificationReason reason, Optional<Long> questionId, Optional<Long> answerId,
      String accessKey, String title, Optional<String> actorId) {
    this(recipientId, reason, questionId, answerId, Optional.empty(), accessKey, title, actorId, Optional.empty());
  }

  /** A notification about a comment. */
  public static NewNotification aboutComment(String recipientId, NotificationReason reason, long commentId, String targetKey,
      String title, String actorId, Optional<String> url) {
    return new NewNotification(recipientId, reason, Optional.empty(), Optional.empty(), Optional.of(commentId), targetKey, title,
        Optional.of(actorId), url);
  }

  public NewNotification {
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(questionId, "questionId");
    Objects.requireNonNull(answerId, "answerId");
    Objects.requireNonNull(commentId, "commentId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(actorId, "actorId");
  }
}
