package dev.inflow.client;

import java.util.Objects;

/**
 * One change delivered on the live channel.
 *
 * @param seq the tenant's sequence number of the event; increases, with gaps where events were
 *     for others
 * @param topic the topic it came on, as subscribed, e.g. {@code target:order:4711}
 * @param kind what happened, e.g. {@code comment.created}, {@code answer.created}, {@code activity.created}, {@code notification.created}
 * @param json the event object as the server sent it (its {@code kind} plus the changed resource,
 *     e.g. {@code {"kind":"comment.created","id":"42","body":...}}), for callers that need more than the kind
 */
public record LiveEvent(long seq, String topic, String kind, String json) {
  /** @throws NullPointerException when a component is null */
  public LiveEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(json, "json");
  }
}
