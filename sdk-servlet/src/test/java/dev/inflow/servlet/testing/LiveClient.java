package dev.inflow.servlet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client of the live channel for tests (the JDK's client, so no container's client is involved). */
public final class LiveClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;
  private final List<JsonNode> frames = new ArrayList<>();
  private volatile boolean closed;
  private volatile int closeCode;

  private LiveClient(WebSocket.Builder builder, URI uri) {
    this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /**
   * Connects, with extra handshake headers (e.g. Authorization, Origin).
   *
   * @throws CompletionException when the handshake is refused
   */
  public static LiveClient connect(String baseUrl, String pathAndQuery, Map<String, String> headers) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    headers.forEach(builder::header);
    return new LiveClient(builder, URI.create(baseUrl.replaceFirst("^http", "ws") + pathAndQuery));
  }

  public void send(String frame) {
    socket.sendText(frame, true).join();
  }

  public void subscribe(String topic, Long since) {
    send("{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]" + (since == null ? "" : ",\"since\":" + since) + "}");
  }

  public synchronized List<JsonNode> frames() {
    return List.copyOf(frames);
  }

  /** @return the event frames so far */
  public synchronized List<JsonNode> events() {
    return frames.stream().filter(f -> f.path("type").asText().equals("event")).toList();
  }

  /** Waits until the frames satisfy the condition. */
  public synchronized List<JsonNode> await(Predicate<List<JsonNode>> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(frames)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out waiting; frames so far: " + frames);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(frames);
  }

  public boolean isClosed() {
    return closed;
  }

  public int closeCode() {
    return closeCode;
  }

  @Override
  public void close() {
    if (!closed) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).join();
      } catch (CompletionException e) {
        socket.abort();
      }
    }
  }

  /** Drops the connection without a closing handshake, as a network failure would. */
  public void abort() {
    socket.abort();
    closed = true;
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode frame = JSON.readTree(partial.toString());
          synchronized (LiveClient.this) {
            frames.add(frame);
            LiveClient.this.notifyAll();
          }
        } catch (java.io.IOException e) {
          throw new IllegalStateException("server sent a frame that is not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode = statusCode;
      closed = true;
      synchronized (LiveClient.this) {
        LiveClient.this.notifyAll();
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed = true;
    }
  }
}
