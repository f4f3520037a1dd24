package dev.inflow.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the signed-in user should know about.
 *
 * @param id notification id
 * @param reason why it was sent: {@code question.routed}, {@code question.escalated},
 *     {@code answer.posted}, {@code answer.accepted}, {@code answer.verified}, or newer reasons
 * @param questionId the question it is about, if any
 * @param answerId the answer it is about, if any
 * @param targetKey the key whose access rules govern it, if any
 * @param title what to show
 * @param actor who caused it; empty when nobody in particular did or naming them would reveal an anonymous asker
 * @param createdAt when it was sent
 * @param readAt when it was marked read; empty while unread
 */
public record Notification(String id, String reason, Optional<String> questionId, Optional<String> answerId,
    Optional<String> targetKey, String title, Optional<Author> actor, Instant createdAt, Optional<Instant> readAt) {
  /** @throws NullPointerException when a component is null */
  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(questionId, "questionId");
    Objects.requireNonNull(answerId, "answerId");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(readAt, "readAt");
  }

  /** @return whether it was marked read */
  public boolean read() {
    return readAt.isPresent();
  }
}
