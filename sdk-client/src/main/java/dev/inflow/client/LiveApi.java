package dev.inflow.client;

import dev.inflow.client.internal.LiveConnection;
import dev.inflow.client.internal.Transport;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The live channel, from {@link InflowClient#live()}: follow targets, questions, feeds and the
 * user's notifications as they change, over a WebSocket with the client's token on the handshake.
 *
 * <pre>{@code
 * LiveSubscription live = inflow.live().subscribe(List.of(LiveTopic.target("order:4711")), new LiveListener() {
 *   public void onEvent(LiveEvent e) { dashboard.refresh(e.kind()); }
 *   public void onReset(LiveTopic topic) { dashboard.reloadAll(); }
 * });
 * ...
 * live.close();
 * }</pre>
 *
 * <p>Thread-safe; share it with the client.
 */
public final class LiveApi {
  private final Transport transport;

  LiveApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * Follows the topics from now on.
   *
   * @return the running subscription; it connects in the background
   * @throws IllegalArgumentException when no topic is given
   */
  public LiveSubscription subscribe(List<LiveTopic> topics, LiveListener listener) {
    return subscribe(topics, OptionalLong.empty(), listener);
  }

  /**
   * Follows the topics from a sequence number on: every event after {@code since} is delivered,
   * so nothing falls between reading a view over REST and subscribing to its changes.
   *
   * @param since the last sequence number already seen; empty for "from now on"
   * @return the running subscription; it connects in the background
   * @throws IllegalArgumentException when no topic is given, or more than 100
   */
  public LiveSubscription subscribe(List<LiveTopic> topics, OptionalLong since, LiveListener listener) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(since, "since");
    if (topics.isEmpty() || topics.size() > 100) {
      throw new IllegalArgumentException("subscribe to 1 to 100 topics (got " + topics.size() + ")");
    }
    return LiveConnection.open(transport, topics, since, listener);
  }
}
