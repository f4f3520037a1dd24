package dev.inflow.client;

import java.time.Duration;

/**
 * Receives what a {@link LiveSubscription} hears. Calls come one at a time, in order, from the
 * client's connection thread: return quickly, and hand long work to an executor. What a method
 * throws is logged and does not stop the subscription.
 */
@FunctionalInterface
public interface LiveListener {
  /** Every event after the subscription's starting point, in order, each once, across reconnects. */
  void onEvent(LiveEvent event);

  /**
   * The server can no longer replay what was missed on the topic (the gap is older than what it
   * keeps): reload the view from the REST API. Events after this one arrive as usual.
   *
   * @param topic the topic with the gap, as subscribed
   */
  default void onReset(LiveTopic topic) {}

  /**
   * The server refused or dropped a topic (401 without a token, 404 when it is not visible to
   * the user, 400 for an unknown topic). The subscription stops asking for it; the others go on.
   *
   * @param topic the topic
   * @param status an HTTP status saying why
   * @param detail the server's explanation
   */
  default void onTopicError(LiveTopic topic, int status, String detail) {}

  /** The connection is open and the topics are subscribed; after a reconnect, the missed events follow. */
  default void onConnected() {}

  /**
   * The connection failed or dropped; the subscription reconnects by itself after the delay and
   * resumes after the last event it delivered.
   *
   * @param failure what happened
   * @param retryIn how long it waits before reconnecting
   */
  default void onDisconnected(InflowApiException failure, Duration retryIn) {}
}
