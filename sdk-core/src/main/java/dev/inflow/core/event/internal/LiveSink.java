package dev.inflow.core.event.internal;

import dev.inflow.core.event.Event;

/**
 * Where a {@link LiveSubscription} delivers: a WebSocket or SSE connection. Calls come in sequence
 * order per topic, never twice for the same event, from the hub's thread or the subscribing
 * thread, one at a time. Implementations must not block (queue and send asynchronously).
 */
public interface LiveSink {
  /** An event on a subscribed topic. */
  void event(Event event);

  /** The events since the requested sequence number are no longer all available: reload the topic's view. */
  void reset(String topic, long seq);
}
