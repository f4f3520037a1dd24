package dev.inflow.core.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery that failed for good and waits for an administrator.
 *
 * @param id its id, for {@link DeadLetters#retry}
 * @param kind what it was: {@code xapi.statement}, {@code webhook.delivery}, ...
 * @param attempts how many times it was tried
 * @param lastError why the last attempt failed, e.g. "the LRS answered 400 ..."
 * @param payload what was to be delivered, as JSON text
 * @param createdAt when it was enqueued
 * @param lastAttemptAt when it was last due
 */
public record DeadLetter(String id, String kind, int attempts, Optional<String> lastError, String payload, Instant createdAt,
    Instant lastAttemptAt) {
  public DeadLetter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
  }
}
