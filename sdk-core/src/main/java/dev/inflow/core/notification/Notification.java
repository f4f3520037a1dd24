package dev.inflow.core.notification;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened that one person should know about, as that person sees it.
 *
 * @param id notification id
 * @param recipientId who it is for
 * @param reason why it was sent
 * @param questionId the question it is about, if any
 * @param answerId the answer it is about, if any
 * @param commentId the comment it is about, if any (a reply or a mention in a comment)
 * @param targetKey the key whose access rules govern it (e.g. {@code question:12}); a notification
 *     whose key the recipient may no longer read is not listed
 * @param title what to show, e.g. the question's title as it was when the notification was sent
 * @param url where to look at it in the host application, when known (a commented target's URL)
 * @param actor who caused it; empty when nobody in particular did (an escalation) or when it would
 *     reveal the author of an anonymous question
 * @param createdAt when it was sent
 * @param readAt when the recipient marked it read; empty while unread
 */
public record Notification(
    String id,
    String recipientId,
    NotificationReason reason,
    Optional<String> questionId,
    Optional<String> answerId,
    Optional<String> commentId,
    Optional<String> targetKey,
    String title,
    Optional<String> url,
    Optional<Author> actor,
    Instant createdAt,
    Optional<Instant> readAt) {

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(questionId, "questionId");
    Objects.requireNonNull(answerId, "answerId");
    Objects.requireNonNull(commentId, "commentId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(readAt, "readAt");
  }

  /** @return whether the recipient has marked it read */
  public boolean read() {
    return readAt.isPresent();
  }
}
