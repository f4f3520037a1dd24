package dev.inflow.benchmarks.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Many WebSocket clients in one JVM (the JDK's {@code java.net.http.WebSocket}, spread over a few
 * {@link HttpClient}s so that more than one selector thread reads), all subscribed to one topic.
 * A frame whose text carries a marker {@code bench-live-<n>} counts as the delivery of broadcast
 * {@code n}; its latency is measured from broadcast {@code n}'s <em>due</em> time, set with
 * {@link #due} before the broadcast is sent.
 */
public final class LiveFleet implements AutoCloseable {
  /** Marks the text of broadcast {@code n}; followed by the number. */
  public static final String MARKER = "bench-live-";
  private static final int CLIENTS = 4;
  private static final int MAX_HANDSHAKES = 128;
  private static final int MAX_BROADCASTS = 10_000;

  private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "fleet");
    t.setDaemon(true);
    return t;
  });
  private final List<HttpClient> clients = new ArrayList<>();
  private final List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReferenceArray<Long> dues = new AtomicReferenceArray<>(MAX_BROADCASTS);
  private final Histogram latencyMicros = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicInteger subscribed = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final AtomicInteger failedHandshakes = new AtomicInteger();
  private final AtomicReference<String> sample = new AtomicReference<>();
  private volatile int firstRecorded = Integer.MAX_VALUE;
  private volatile int endRecorded = Integer.MAX_VALUE;

  public LiveFleet() {
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(20)).build());
    }
  }

  /**
   * Opens {@code n} more connections, each sending {@code subscribeFrame} once open, and waits
   * until every one has been answered with a {@code "type":"subscribed"} frame (or the timeout passes).
   *
   * @param headers handshake headers of connection {@code i} (e.g. its user's bearer token), numbered across calls
   * @return how many connections are subscribed in all
   */
  public int open(URI uri, int n, IntFunction<Map<String, String>> headers, String subscribeFrame, Duration timeout,
      java.util.function.IntConsumer progress) throws InterruptedException {
    Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);
    int first = subscribed.get() + failedHandshakes.get();
    int target = subscribed.get() + n;
    for (int i = first; i < first + n; i++) {
      handshakes.acquire();
      WebSocket.Builder builder = clients.get(i % CLIENTS).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
      headers.apply(i).forEach(builder::header);
      CompletableFuture<WebSocket> opening = builder.buildAsync(uri, new Listener());
      opening.whenComplete((socket, error) -> {
        handshakes.release();
        if (error != null) {
          failedHandshakes.incrementAndGet();
          return;
        }
        sockets.add(socket);
        socket.sendText(subscribeFrame, true);
      });
      if ((i + 1 - first) % 2000 == 0) {
        progress.accept(i + 1 - first);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (subscribed.get() + failedHandshakes.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return subscribed.get();
  }

  /**
   * Starts a new measurement: clears the latencies and records only deliveries of broadcasts
   * numbered {@code from} (inclusive) to {@code to} (exclusive); others are warm-up or stragglers.
   */
  public void record(int from, int to) {
    firstRecorded = Integer.MAX_VALUE;
    latencyMicros.reset();
    recorded.set(0);
    endRecorded = to;
    firstRecorded = from;
  }

  /** Sets when broadcast {@code n} is due; call before sending it. */
  public void due(int n, long nanoTime) {
    dues.set(n, nanoTime);
  }

  /** @return deliveries of recorded broadcasts so far */
  public long recorded() {
    return recorded.get();
  }

  /** @return every delivery, warm-up included */
  public long delivered() {
    return delivered.get();
  }

  /** @return latencies from due time to arrival of recorded broadcasts, in microseconds */
  public Histogram latencyMicros() {
    return latencyMicros;
  }

  /** @return one delivered frame, as the server sent it */
  public String sampleFrame() {
    return sample.get();
  }

  /** @return connections the server or the network closed */
  public int closedByPeer() {
    return closed.get();
  }

  /** @return handshakes that failed */
  public int failedHandshakes() {
    return failedHandshakes.get();
  }

  /** Waits until {@code expected} recorded deliveries have arrived or the timeout passed. */
  public long awaitRecorded(long expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (recorded.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return recorded.get();
  }

  /** Closes every connection (aborting those that do not close within a few seconds). */
  @Override
  public void close() {
    List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
    synchronized (sockets) {
      for (WebSocket socket : sockets) {
        closing.add(socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").toCompletableFuture());
      }
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // stragglers are aborted below
    }
    synchronized (sockets) {
      sockets.forEach(WebSocket::abort);
      sockets.clear();
    }
    executor.shutdownNow();
  }

  private void arrived(String text) {
    long now = System.nanoTime();
    int at = text.indexOf(MARKER);
    if (at < 0) {
      if (text.contains("\"type\":\"subscribed\"")) {
        subscribed.incrementAndGet();
      }
      return;
    }
    int n = 0;
    for (int i = at + MARKER.length(); i < text.length() && Character.isDigit(text.charAt(i)); i++) {
      n = n * 10 + (text.charAt(i) - '0');
    }
    delivered.incrementAndGet();
    if (n >= firstRecorded && n < endRecorded && n < MAX_BROADCASTS) {
      Long due = dues.get(n);
      if (due != null) {
        latencyMicros.recordValue(Math.min(Math.max(0, (now - due) / 1000), latencyMicros.getHighestTrackableValue()));
        recorded.incrementAndGet();
      }
    }
    if (sample.get() == null) {
      sample.compareAndSet(null, text);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private StringBuilder partial;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      if (!last) {
        if (partial == null) {
          partial = new StringBuilder();
        }
        partial.append(data);
      } else if (partial != null) {
        partial.append(data);
        String text = partial.toString();
        partial = null;
        arrived(text);
      } else {
        arrived(data.toString());
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closed.incrementAndGet();
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.incrementAndGet();
    }
  }
}
