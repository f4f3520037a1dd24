package dev.inflow.core.event.internal;

import dev.inflow.core.event.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One connection's topics in one tenant. Each topic remembers the last sequence number sent, so
 * that events replayed from the table and events arriving live meet without gaps or repeats.
 *
 * <p>Thread-safe: the hub offers events while the connection subscribes and unsubscribes.
 */
public final class LiveSubscription implements AutoCloseable {
  /** More events than this to replay means the client is better off reloading. */
  static final int MAX_REPLAY = 1_000;

  private static final class TopicState {
    long lastSent;
    List<Event> buffered;
  }

  private final EventHub hub;
  private final String tenantId;
  private final LiveSink sink;
  private final Map<String, TopicState> topics = new HashMap<>();
  private boolean closed;

  LiveSubscription(EventHub hub, String tenantId, LiveSink sink) {
    this.hub = hub;
    this.tenantId = tenantId;
    this.sink = sink;
  }

  public String tenantId() {
    return tenantId;
  }

  /**
   * Starts delivering the topics. With {@code since}, the events after it are replayed first, in
   * order; when they are too many or partly deleted, the sink gets a reset for the topic instead.
   *
   * @return the hub's position when the subscription took effect
   */
  public long subscribe(Collection<String> newTopics, OptionalLong since) {
    List<String> list = List.copyOf(newTopics);
    synchronized (this) {
      if (closed) {
        return hub.position();
      }
      for (String topic : list) {
        TopicState state = new TopicState();
        state.lastSent = since.orElse(0L);
        state.buffered = since.isPresent() ? new ArrayList<>() : null;
        topics.put(topic, state);
      }
    }
    hub.index(this, list);
    long position = hub.position();
    if (since.isEmpty()) {
      return position;
    }
    long from = since.getAsLong();
    List<Event> replay = from >= position ? List.of()
        : from < hub.purgedThrough() ? null
        : hub.store().topicsBetween(tenantId, list, from, position, MAX_REPLAY + 1);
    synchronized (this) {
      if (closed) {
        return position;
      }
      if (replay == null || replay.size() > MAX_REPLAY) {
        for (String topic : list) {
          TopicState state = topics.get(topic);
          if (state != null) {
            state.lastSent = position;
            sink.reset(topic, position);
          }
        }
      } else {
        replay.forEach(this::send);
      }
      for (String topic : list) {
        TopicState state = topics.get(topic);
        if (state != null && state.buffered != null) {
          List<Event> buffered = state.buffered;
          state.buffered = null;
          buffered.forEach(this::send);
        }
      }
    }
    return position;
  }

  /** Stops delivering the topics. */
  public void unsubscribe(Collection<String> oldTopics) {
    synchronized (this) {
      oldTopics.forEach(topics::remove);
    }
    hub.unindex(this, oldTopics);
  }

  /** @return the topics subscribed now */
  public synchronized List<String> topics() {
    return List.copyOf(topics.keySet());
  }

  /** Called by the hub for every new event on one of the topics. */
  synchronized void offer(Event event) {
    TopicState state = topics.get(event.topic());
    if (closed || state == null) {
      return;
    }
    if (state.buffered != null) {
      state.buffered.add(event);
    } else {
      send(event);
    }
  }

  private void send(Event event) {
    TopicState state = topics.get(event.topic());
    if (state != null && event.seq() > state.lastSent) {
      state.lastSent = event.seq();
      sink.event(event);
    }
  }

  @Override
  public void close() {
    List<String> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(topics.keySet());
      topics.clear();
    }
    hub.unindex(this, all);
  }
}
