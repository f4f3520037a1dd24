package dev.inflow.client.internal;

import dev.inflow.client.ConnectionException;
import dev.inflow.client.InflowApiException;
import dev.inflow.client.RateLimitedException;
import dev.inflow.client.RequestTimeoutException;
import dev.inflow.client.ServiceUnavailableException;
import dev.inflow.client.Sleeper;
import dev.inflow.client.UnexpectedResponseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Sends {@link ApiCall}s: builds the request, adds the token, runs the retry loop and turns every
 * outcome into a value or a typed {@link InflowApiException}. One OkHttp client (connection pool,
 * dispatcher) is shared by every namespace and by clients derived with other tokens.
 *
 * <p>Thread-safe.
 */
public final class Transport {
  private static final System.Logger LOG = System.getLogger(Transport.class.getName());
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String ACCEPT = "application/json, application/problem+json";
  /** Keeps idle proxies from cutting a quiet live connection, and finds a dead one within two intervals. */
  private static final Duration LIVE_PING = Duration.ofSeconds(20);
  private static final String USER_AGENT = "inflow-java-client/"
      + Optional.ofNullable(Transport.class.getPackage().getImplementationVersion()).orElse("dev");

  /**
   * What the client builder decided.
   *
   * @param baseUrl where Inflow is mounted, without a trailing slash
   * @param connectTimeout per attempt
   * @param readTimeout per attempt, also used for writing the request
   * @param retries the retry policy
   * @param sleeper how to wait between attempts
   * @param clock for {@code Retry-After} dates
   */
  public record Config(HttpUrl baseUrl, Duration connectTimeout, Duration readTimeout, RetryPolicy retries, Sleeper sleeper, Clock clock) {}

  /** Marks, per attempt, whether the request left: one that never did cannot have done anything. */
  private static final class SendTracker {
    private volatile boolean sent;
  }

  private static final EventListener SEND_TRACKING = new EventListener() {
    @Override
    public void requestHeadersStart(Call call) {
      SendTracker tracker = call.request().tag(SendTracker.class);
      if (tracker != null) {
        tracker.sent = true;
      }
    }
  };

  private final OkHttpClient http;
  private final String base;
  private final String basePath;
  private final RetryPolicy retries;
  private final Sleeper sleeper;
  private final Clock clock;
  private final AtomicBoolean closed;
  private final Supplier<String> tokens;
  /** The same pool and dispatcher, without a read timeout: a live connection may be quiet for long. */
  private final OkHttpClient live;
  /** Reconnect timers of live subscriptions, started with the first one. */
  private final AtomicReference<ScheduledExecutorService> liveTimers;
  /** Open live subscriptions, closed with the client so that no socket outlives it. */
  private final Set<AutoCloseable> liveSubscriptions;

  /** @param tokens supplies a bearer token per attempt (null result: anonymous); null for anonymous calls */
  public Transport(Config config, Supplier<String> tokens) {
    this.http = new OkHttpClient.Builder()
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        // The retry loop below is the only one: OkHttp's own silent retries could resend a POST
        // that has no idempotency key, and would hide attempts from the policy.
        .retryOnConnectionFailure(false)
        // A redirect in front of an API is a login page or a misconfigured proxy; following it
        // would turn a clear error into an unreadable HTML "success".
        .followRedirects(false)
        .followSslRedirects(false)
        .eventListenerFactory(call -> SEND_TRACKING)
        .build();
    this.base = config.baseUrl().toString().replaceAll("/+$", "");
    this.basePath = config.baseUrl().encodedPath().replaceAll("/+$", "");
    this.retries = config.retries();
    this.sleeper = config.sleeper();
    this.clock = config.clock();
    this.closed = new AtomicBoolean();
    this.tokens = tokens;
    this.live = http.newBuilder().readTimeout(Duration.ZERO).pingInterval(LIVE_PING).build();
    this.liveTimers = new AtomicReference<>();
    this.liveSubscriptions = ConcurrentHashMap.newKeySet();
  }

  private Transport(Transport shared, Supplier<String> tokens) {
    this.http = shared.http;
    this.base = shared.base;
    this.basePath = shared.basePath;
    this.retries = shared.retries;
    this.sleeper = shared.sleeper;
    this.clock = shared.clock;
    this.closed = shared.closed;
    this.tokens = tokens;
    this.live = shared.live;
    this.liveTimers = shared.liveTimers;
    this.liveSubscriptions = shared.liveSubscriptions;
  }

  /** @return a transport sharing this one's connections and settings, signing with other tokens */
  public Transport withTokens(Supplier<String> tokens) {
    return new Transport(this, Objects.requireNonNull(tokens, "tokens"));
  }

  /** @return the base URL calls go to, without a trailing slash */
  public String baseUrl() {
    return base;
  }

  /**
   * Sends the call, retrying where the policy allows, and reads the JSON answer.
   *
   * @param reader reads the answer; null when the answer has no body worth reading (204)
   * @return what the reader made of the answer; null without a reader
   * @throws InflowApiException the typed failure of the last attempt
   */
  public <T> T call(ApiCall call, Json.Reader<T> reader) {
    return send(call, reader == null ? (where, response) -> null : (where, response) -> decode(where, response, reader));
  }

  /**
   * Sends the call like {@link #call} and returns the answer's text, for answers that are not JSON.
   *
   * @param mediaType the type asked for in {@code Accept} and expected back, e.g. {@code text/csv}
   * @return the body as text (UTF-8 unless the answer says otherwise)
   */
  public String callText(ApiCall call, String mediaType) {
    return send(call.header("Accept", mediaType + ", application/problem+json"), (where, response) -> {
      String type = contentType(response);
      String body = response.body().string();
      if (!type.toLowerCase(Locale.ROOT).startsWith(mediaType)) {
        throw new UnexpectedResponseException(where + " answered " + response.code() + " with " + (type.isEmpty() ? "no content type" : type)
            + " instead of " + mediaType + "; the body starts with: " + ErrorAnswers.snippet(body.getBytes(StandardCharsets.UTF_8),
            type.contains("html")), response.code(), null);
      }
      return body;
    });
  }

  /** Reads a successful answer. */
  @FunctionalInterface
  private interface Decoder<T> {
    T decode(String where, Response response) throws IOException;
  }

  private <T> T send(ApiCall call, Decoder<T> reader) {
    if (closed.get()) {
      throw new IllegalStateException("this InflowClient is closed; build a new one");
    }
    for (int attempt = 1; ; attempt++) {
      Outcome<T> outcome = attempt(call, reader, attempt);
      if (outcome.failure() == null) {
        return outcome.value();
      }
      Optional<Duration> wait = outcome.retryable() && !Thread.currentThread().isInterrupted()
          ? retries.delayBefore(attempt, outcome.retryAfter())
          : Optional.empty();
      if (wait.isEmpty()) {
        throw outcome.failure();
      }
      LOG.log(Level.INFO, () -> "retrying " + describe(call) + " in " + wait.get().toMillis() + " ms after: " + outcome.failure().getMessage());
      try {
        sleeper.sleep(wait.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome.failure().addSuppressed(e);
        throw outcome.failure();
      }
    }
  }

  /**
   * Opens a WebSocket to a path under the base URL, with the current token on the handshake.
   *
   * @throws IllegalStateException when the client is closed
   */
  public WebSocket openWebSocket(ApiPath path, WebSocketListener listener) {
    if (closed.get()) {
      throw new IllegalStateException("this InflowClient is closed; build a new one");
    }
    Request.Builder request = new Request.Builder().url(base + "/" + path.encoded()).header("User-Agent", USER_AGENT);
    String token = tokens == null ? null : tokens.get();
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.strip());
    }
    return live.newWebSocket(request.build(), listener);
  }

  /**
   * Keeps a live subscription until it closes, so that closing the client closes it.
   *
   * @throws IllegalStateException when the client is closed
   */
  public void registerLive(AutoCloseable subscription) {
    if (closed.get()) {
      throw new IllegalStateException("this InflowClient is closed; build a new one");
    }
    liveSubscriptions.add(subscription);
  }

  /** Forgets a closed live subscription. */
  public void unregisterLive(AutoCloseable subscription) {
    liveSubscriptions.remove(subscription);
  }

  /** @return the timer thread live subscriptions schedule their reconnects on; one per client, started on first use */
  public ScheduledExecutorService liveTimers() {
    if (closed.get()) {
      throw new IllegalStateException("this InflowClient is closed; build a new one");
    }
    ScheduledExecutorService timers = liveTimers.get();
    if (timers == null) {
      ScheduledExecutorService created = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inflow-client-live");
        t.setDaemon(true);
        return t;
      });
      if (liveTimers.compareAndSet(null, created)) {
        timers = created;
      } else {
        created.shutdown();
        timers = liveTimers.get();
      }
    }
    return timers;
  }

  /** Releases connections and threads; calls made afterwards fail with {@link IllegalStateException}. */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (AutoCloseable subscription : List.copyOf(liveSubscriptions)) {
        try {
          subscription.close();
        } catch (Exception e) {
          LOG.log(Level.DEBUG, "closing a live subscription failed", e);
        }
      }
      ScheduledExecutorService timers = liveTimers.get();
      if (timers != null) {
        timers.shutdownNow();
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private record Outcome<T>(T value, InflowApiException failure, boolean retryable, Optional<Duration> retryAfter) {
    static <T> Outcome<T> success(T value) {
      return new Outcome<>(value, null, false, Optional.empty());
    }
  }

  private <T> Outcome<T> attempt(ApiCall call, Decoder<T> reader, int attempt) {
    String where = describe(call) + (attempt > 1 ? " (attempt " + attempt + ")" : "");
    SendTracker tracker = new SendTracker();
    try (Response response = http.newCall(request(call, tracker)).execute()) {
      int status = response.code();
      if (status >= 200 && status < 300) {
        return Outcome.success(reader.decode(where, response));
      }
      ErrorAnswers.Answer answer = new ErrorAnswers.Answer(status, response.message(), contentType(response),
          response.peekBody(ErrorAnswers.MAX_ERROR_BODY).bytes(), Optional.ofNullable(response.header("ETag")),
          Optional.ofNullable(response.header("Retry-After")), Optional.ofNullable(response.header("Location")));
      InflowApiException failure = ErrorAnswers.toException(where, answer, clock.instant());
      // 429: the rate limiter refused before doing anything; 503: the server could not act and
      // changed nothing. Both say "come back later", so any call may be repeated.
      if (failure instanceof RateLimitedException limited) {
        return new Outcome<>(null, failure, true, limited.retryAfter());
      }
      if (failure instanceof ServiceUnavailableException unavailable) {
        return new Outcome<>(null, failure, true, unavailable.retryAfter());
      }
      // 502, 504: a proxy could not reach Inflow or gave up waiting for it, which is a broken
      // connection seen from further away; repeated only when a repeat is harmless, as below.
      boolean gatewayFailed = status == 502 || status == 504;
      return new Outcome<>(null, failure, gatewayFailed && call.repeatable(), Optional.empty());
    } catch (IOException e) {
      // A request that never left (connection refused, connect timeout) cannot have done
      // anything; one that may have reached the server is repeated only when a repeat is harmless
      // (idempotent methods, or an Idempotency-Key the server replays).
      boolean retryable = !permanent(e) && (!tracker.sent || call.repeatable());
      return new Outcome<>(null, connectionFailure(where, e, tracker.sent), retryable, Optional.empty());
    }
  }

  /** @return e.g. {@code POST /inflow/api/v1/comments/42/flags}: the path as the server logs it, never the query (cursors) */
  private String describe(ApiCall call) {
    return call.method() + " " + basePath + call.path();
  }

  private Request request(ApiCall call, SendTracker tracker) {
    HttpUrl.Builder url = HttpUrl.get(base + "/" + call.path().encoded()).newBuilder();
    call.query().forEach(url::addQueryParameter);
    Request.Builder request = new Request.Builder()
        .url(url.build())
        .header("Accept", ACCEPT)
        .header("User-Agent", USER_AGENT)
        .tag(SendTracker.class, tracker);
    String token = tokens == null ? null : tokens.get();
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.strip());
    }
    call.headers().forEach(request::header);
    RequestBody body = null;
    if (call.body() != null) {
      body = RequestBody.create(Json.write(call.body()), JSON);
    } else if (call.method().equals("POST") || call.method().equals("PUT") || call.method().equals("PATCH")) {
      body = RequestBody.create(new byte[0], null);
    }
    return request.method(call.method(), body).build();
  }

  private static <T> T decode(String where, Response response, Json.Reader<T> reader) throws IOException {
    byte[] bytes = response.body().bytes();
    String type = contentType(response);
    if (!type.isEmpty() && !type.toLowerCase(Locale.ROOT).contains("json")) {
      throw new UnexpectedResponseException(where + " answered " + response.code() + " with " + type.split(";")[0].strip()
          + " instead of JSON; is the base URL right? The body starts with: " + ErrorAnswers.snippet(bytes, type.contains("html")),
          response.code(), null);
    }
    try {
      return reader.read(Json.parse(bytes));
    } catch (Json.Malformed | ArithmeticException e) {
      throw new UnexpectedResponseException(where + " answered " + response.code() + " with a body the client cannot read ("
          + e.getMessage() + "); it starts with: " + ErrorAnswers.snippet(bytes, false), response.code(), e);
    }
  }

  private static String contentType(Response response) {
    return Optional.ofNullable(response.header("Content-Type")).orElse("");
  }

  /** Failures that the same request will meet again: a name that does not resolve, a TLS setup the server refuses. */
  private static boolean permanent(IOException e) {
    return e instanceof UnknownHostException || e instanceof SSLException;
  }

  private static ConnectionException connectionFailure(String where, IOException e, boolean sent) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    boolean timeout = e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && !Thread.currentThread().isInterrupted() && "timeout".equals(e.getMessage()));
    if (timeout) {
      return new RequestTimeoutException(where + (sent ? " got no answer in time" : " could not connect in time") + " (" + what + ")", e);
    }
    return new ConnectionException(where + (sent ? " lost its connection" : " could not connect") + " (" + what + ")", e);
  }
}
