package dev.inflow.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.client.ConnectionException;
import dev.inflow.client.InflowApiException;
import dev.inflow.client.LiveEvent;
import dev.inflow.client.LiveListener;
import dev.inflow.client.LiveSubscription;
import dev.inflow.client.LiveTopic;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * One live subscription: a WebSocket to {@code /live} that subscribes to its topics, delivers
 * events in order and once, and reconnects by itself. Each topic remembers the sequence number of
 * the last event delivered on it; a reconnect subscribes each topic from there, so the server
 * replays exactly what was missed, and a repeat (an event the server sends again because a
 * replay and live delivery overlapped) is dropped by that same number.
 *
 * <p>Callbacks of a socket that is no longer current (after a reconnect or close) are ignored:
 * every socket carries the generation it was opened in. All state is guarded by {@code this}; the
 * listener is called with the lock held, so calls never overlap.
 */
public final class LiveConnection implements LiveSubscription {
  private static final System.Logger LOG = System.getLogger(LiveConnection.class.getName());
  /** First reconnect waits up to this long (full jitter), doubling per failure in a row. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  /** A server that is down for long is asked at most every 30 s, by each client. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final ApiPath LIVE = new ApiPath("live");

  private final Transport transport;
  private final LiveListener listener;
  /** topic → last sequence number delivered on it, or null when none yet ("from now on") */
  private final Map<LiveTopic, Long> topics = new LinkedHashMap<>();
  private WebSocket socket;
  private boolean open;
  private boolean closed;
  private int generation;
  private int failures;
  private ScheduledFuture<?> reconnect;

  private LiveConnection(Transport transport, List<LiveTopic> topics, OptionalLong since, LiveListener listener) {
    this.transport = transport;
    this.listener = listener;
    Long start = since.isPresent() ? since.getAsLong() : null;
    topics.forEach(topic -> this.topics.put(topic, start));
  }

  /**
   * @return a subscription that connects in the background
   * @throws IllegalStateException when the client is closed
   */
  public static LiveConnection open(Transport transport, List<LiveTopic> topics, OptionalLong since, LiveListener listener) {
    LiveConnection connection = new LiveConnection(transport, topics, since, listener);
    transport.registerLive(connection);
    connection.connect();
    return connection;
  }

  @Override
  public synchronized OptionalLong lastSeq() {
    return topics.values().stream().filter(Objects::nonNull).mapToLong(Long::longValue).min();
  }

  @Override
  public synchronized Set<LiveTopic> topics() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(topics.keySet()));
  }

  @Override
  public synchronized boolean connected() {
    return open;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    transport.unregisterLive(this);
    generation++;
    open = false;
    if (reconnect != null) {
      reconnect.cancel(false);
    }
    if (socket != null) {
      socket.close(1000, "closed by the client");
      socket = null;
    }
  }

  private synchronized void connect() {
    if (closed) {
      return;
    }
    int gen = ++generation;
    open = false;
    try {
      socket = transport.openWebSocket(LIVE, new Handler(gen));
    } catch (IllegalStateException e) {
      // the client was closed: nothing to reconnect with
      closed = true;
    } catch (RuntimeException e) {
      // the token supplier failed; try again later like any failed connection
      lost(gen, new ConnectionException("live: could not open the connection (" + e + ")", e));
    }
  }

  private synchronized void opened(int gen) {
    if (gen != generation) {
      return;
    }
    open = true;
    // One frame per topic: each resumes from its own last sequence number.
    topics.forEach((topic, seq) -> {
      Map<String, Object> frame = new LinkedHashMap<>();
      frame.put("type", "subscribe");
      frame.put("topics", List.of(topic.name()));
      if (seq != null) {
        frame.put("since", seq);
      }
      socket.send(new String(Json.write(frame), StandardCharsets.UTF_8));
    });
    call(listener::onConnected);
  }

  private synchronized void received(int gen, String text) {
    if (gen != generation) {
      return;
    }
    JsonNode frame;
    try {
      frame = Json.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (Json.Malformed e) {
      LOG.log(Level.WARNING, () -> "live: ignoring a frame that is not JSON: " + ErrorAnswers.snippet(text.getBytes(StandardCharsets.UTF_8), false));
      return;
    }
    String type = frame.path("type").asText("");
    Optional<LiveTopic> topic = Optional.ofNullable(frame.get("topic")).filter(JsonNode::isTextual).map(t -> new LiveTopic(t.asText()));
    long seq = frame.path("seq").asLong(-1);
    switch (type) {
      case "subscribed" -> {
        failures = 0;
        frame.path("topics").forEach(t -> {
          LiveTopic subscribed = new LiveTopic(t.asText());
          if (topics.containsKey(subscribed) && topics.get(subscribed) == null && seq >= 0) {
            topics.put(subscribed, seq);
          }
        });
      }
      case "event" -> {
        if (topic.isEmpty() || !topics.containsKey(topic.get()) || seq < 0) {
          return;
        }
        Long last = topics.get(topic.get());
        if (last != null && seq <= last) {
          return; // delivered already
        }
        topics.put(topic.get(), seq);
        JsonNode event = frame.path("event");
        LiveEvent delivered = new LiveEvent(seq, topic.get().name(), event.path("kind").asText(""), event.toString());
        call(() -> listener.onEvent(delivered));
      }
      case "reset" -> {
        if (topic.isPresent() && topics.containsKey(topic.get())) {
          topics.put(topic.get(), seq >= 0 ? seq : topics.get(topic.get()));
          call(() -> listener.onReset(topic.get()));
        }
      }
      case "error" -> {
        int status = frame.path("status").asInt(0);
        String detail = frame.path("detail").asText("");
        if (topic.isPresent() && topics.containsKey(topic.get())) {
          topics.remove(topic.get());
          call(() -> listener.onTopicError(topic.get(), status, detail));
        } else {
          LOG.log(Level.WARNING, () -> "live: the server answered " + status + ": " + detail);
        }
      }
      default -> {
        // pong, and frame types newer than this client
      }
    }
  }

  private synchronized void lost(int gen, InflowApiException failure) {
    if (gen != generation || closed) {
      return;
    }
    generation++;
    open = false;
    if (socket != null) {
      socket.cancel();
      socket = null;
    }
    Duration delay = backoff(failures++);
    LOG.log(Level.INFO, () -> "live: reconnecting in " + delay.toMillis() + " ms after: " + failure.getMessage());
    call(() -> listener.onDisconnected(failure, delay));
    try {
      reconnect = transport.liveTimers().schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IllegalStateException | RejectedExecutionException e) {
      closed = true; // the client was closed meanwhile
    }
  }

  /** Exponential backoff with full jitter: many clients dropped at once come back spread out, not in a wave. */
  static Duration backoff(int failuresInARow) {
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failuresInARow, 16));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  private void call(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "live: the listener failed; the subscription goes on", e);
    }
  }

  private final class Handler extends WebSocketListener {
    private final int gen;

    Handler(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      opened(gen);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      received(gen, text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      lost(gen, new ConnectionException("live: the server closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ")", null));
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      lost(gen, new ConnectionException("live: the connection closed (" + code + ")", null));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      InflowApiException failure;
      if (response != null && response.code() != 101) {
        byte[] body = new byte[0];
        try {
          body = response.peekBody(ErrorAnswers.MAX_ERROR_BODY).bytes();
        } catch (IOException | RuntimeException e) {
          // the status says enough
        }
        failure = ErrorAnswers.toException("GET " + response.request().url().encodedPath(), new ErrorAnswers.Answer(response.code(),
            response.message(), Optional.ofNullable(response.header("Content-Type")).orElse(""), body, Optional.empty(),
            Optional.ofNullable(response.header("Retry-After")), Optional.empty()), Clock.systemUTC().instant());
      } else {
        failure = new ConnectionException("live: the connection failed (" + t + ")", t);
      }
      lost(gen, failure);
    }
  }
}
