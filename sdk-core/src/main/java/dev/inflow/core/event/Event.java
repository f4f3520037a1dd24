package dev.inflow.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change, as recorded in the event log. Sequence numbers increase within a tenant (they are not
 * contiguous); a client that saw {@code seq} resumes with everything after it.
 *
 * @param seq the sequence number
 * @param tenantId the tenant
 * @param topic where it is delivered, e.g. {@code target:order:4711}
 * @param kind what happened, e.g. {@code comment.created}
 * @param targetKey the target whose access rules govern who may see it, if any
 * @param createdAt when it was recorded
 * @param payload JSON object text describing the change as any reader of the topic may see it
 */
public record Event(long seq, String tenantId, String topic, String kind, Optional<String> targetKey, Instant createdAt, String payload) {
  public Event {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(payload, "payload");
  }
}
