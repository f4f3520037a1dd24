package dev.inflow.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint that receives a tenant's events.
 *
 * @param id its id
 * @param url where deliveries are POSTed
 * @param events event types it receives: exact ({@code comment.created}), a family
 *     ({@code comment.*}) or everything ({@code *}); unmodifiable
 * @param description what it is for
 * @param createdAt when it was registered
 * @param secret the signing secret ({@code whsec_...}); present only in the answer to the
 *     registration, never again
 */
public record Webhook(String id, String url, List<String> events, Optional<String> description, Instant createdAt, Optional<String> secret) {
  public Webhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    events = List.copyOf(events);
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(secret, "secret");
  }
}
