package dev.inflow.servlet.internal.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.InflowException;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.event.Event;
import dev.inflow.core.event.internal.EventHub;
import dev.inflow.core.event.internal.LiveSink;
import dev.inflow.core.event.internal.LiveSubscription;
import dev.inflow.core.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's live connection: its subscriptions, the access check of every event against the
 * caller, and the protocol's client frames ({@code subscribe}, {@code unsubscribe}, {@code ping}).
 */
final class LiveSession implements LiveSink {
  static final int MAX_TOPICS = 100;
  private final Caller caller;
  private final LiveTopics topics;
  private final LiveTransport transport;
  private final LiveSubscription subscription;
  /** stored topic → client topic name → resolution */
  private final Map<String, Map<String, LiveTopics.Resolved>> byStored = new ConcurrentHashMap<>();

  LiveSession(Caller caller, LiveTopics topics, EventHub hub, LiveTransport transport) {
    this.caller = caller;
    this.topics = topics;
    this.transport = transport;
    this.subscription = hub.open(caller.tenantId(), this);
  }

  /** Handles one text frame from the client. */
  void onMessage(String text) {
    JsonNode frame;
    try {
      frame = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      transport.send(Frames.error(400, null, "frames are JSON objects like {\"type\":\"subscribe\",\"topics\":[...]}"));
      return;
    }
    String type = frame.path("type").asText("");
    switch (type) {
      case "subscribe" -> subscribe(names(frame), frame.hasNonNull("since") && frame.get("since").canConvertToLong()
          ? OptionalLong.of(frame.get("since").asLong()) : OptionalLong.empty());
      case "unsubscribe" -> unsubscribe(names(frame));
      case "ping" -> transport.send(Frames.pong());
      default -> transport.send(Frames.error(400, null, "unknown frame type '" + type + "'; use subscribe, unsubscribe or ping"));
    }
  }

  /** Subscribes to topics given as a list (the SSE fallback passes them in the URL). */
  void subscribe(List<String> names, OptionalLong since) {
    List<String> accepted = new ArrayList<>();
    Set<String> stored = new LinkedHashSet<>();
    for (String name : names) {
      if (subscribedCount() >= MAX_TOPICS) {
        transport.send(Frames.error(400, name, "at most " + MAX_TOPICS + " topics per connection"));
        continue;
      }
      try {
        LiveTopics.Resolved resolved = topics.resolve(caller, name);
        byStored.computeIfAbsent(resolved.stored(), k -> new ConcurrentHashMap<>()).put(name, resolved);
        stored.add(resolved.stored());
        accepted.add(name);
      } catch (InflowException e) {
        transport.send(Frames.error(status(e), name, e.getMessage()));
      }
    }
    long position = stored.isEmpty() ? 0 : subscription.subscribe(stored, since);
    if (!accepted.isEmpty()) {
      transport.send(Frames.subscribed(accepted, position));
    }
  }

  void unsubscribe(List<String> names) {
    List<String> emptied = new ArrayList<>();
    for (String name : names) {
      byStored.forEach((stored, clients) -> {
        if (clients.remove(name) != null && clients.isEmpty()) {
          emptied.add(stored);
        }
      });
    }
    emptied.forEach(byStored::remove);
    subscription.unsubscribe(emptied);
  }

  @Override
  public void event(Event event) {
    Map<String, LiveTopics.Resolved> clients = byStored.get(event.topic());
    if (clients == null) {
      return;
    }
    for (LiveTopics.Resolved resolved : clients.values()) {
      if (!resolved.wanted().test(event)) {
        continue;
      }
      if (resolved.visible().test(event)) {
        transport.send(Frames.event(event, resolved.name()));
      } else {
        transport.send(Frames.error(404, resolved.name(), "this topic is no longer visible to you"));
        unsubscribe(List.of(resolved.name()));
      }
    }
  }

  @Override
  public void reset(String stored, long seq) {
    Map<String, LiveTopics.Resolved> clients = byStored.get(stored);
    if (clients != null) {
      clients.keySet().forEach(name -> transport.send(Frames.reset(name, seq)));
    }
  }

  void close() {
    subscription.close();
  }

  private int subscribedCount() {
    return byStored.values().stream().mapToInt(Map::size).sum();
  }

  private static List<String> names(JsonNode frame) {
    List<String> names = new ArrayList<>();
    frame.path("topics").forEach(t -> names.add(t.asText()));
    return names;
  }

  private static int status(InflowException e) {
    if (e instanceof SignInRequiredException) {
      return 401;
    }
    if (e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof AccessDeniedException) {
      return 403;
    }
    return e instanceof InvalidInputException ? 400 : 500;
  }
}
