package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.MeJson;
import dev.inflow.client.internal.RetryPolicy;
import dev.inflow.client.internal.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;

/**
 * The Java client of Inflow's REST API and live channel. Build one at start-up, share it between
 * threads, close it at shutdown. Calls are grouped by component: {@link #comments()},
 * {@link #questions()}, {@link #experts()}, {@link #feed()}, {@link #activities()},
 * {@link #follows()}, {@link #notifications()}, {@link #analytics()} and {@link #live()}.
 *
 * <pre>{@code
 * UserTokenSigner signer = UserTokenSigner.builder()
 *     .tenant("default")
 *     .secret(System.getenv("INFLOW_TOKEN_SECRET"))      // the server's secret for this tenant
 *     .build();
 * InflowClient inflow = InflowClient.builder()
 *     .baseUrl("https://inflow.example.com/inflow")
 *     .tokenSupplier(() -> signer.sign(TokenUser.of(currentUser.id(), currentUser.name())))
 *     .connectTimeout(Duration.ofSeconds(2))
 *     .readTimeout(Duration.ofSeconds(10))
 *     .maxRetries(3)
 *     .build();
 *
 * // Post on an order; a retry after a lost answer never posts twice.
 * Comment c = inflow.comments().create("order:4711",
 *     NewComment.of("Customer asked for **express** delivery").onTarget("Order 4711", orderUrl));
 *
 * // Every comment of a target, page by page as the stream is consumed.
 * List<String> authors = inflow.comments().stream("order:4711")
 *     .map(comment -> comment.author().name()).distinct().toList();
 *
 * // Edit unless someone else changed it meanwhile.
 * try {
 *   inflow.comments().edit(c.id(), "Customer asked for **standard** delivery", c.version());
 * } catch (PreconditionFailedException stale) {
 *   Comment current = inflow.comments().get(c.id());   // show it, let the user decide
 * }
 *
 * // Badges for a list of orders in one call.
 * Map<String, Long> counts = inflow.comments().counts(List.of("order:4711", "order:4712"));
 *
 * // Failures are typed and carry the server's problem document.
 * try {
 *   inflow.comments().create("order:4711", NewComment.of(" "));
 * } catch (InvalidRequestException e) {
 *   e.errors();   // [FieldError[field=body, message=body is required and may not be blank]]
 * }
 *
 * // Ask the experts; answer; accept.
 * Question q = inflow.questions().ask(NewQuestion.builder("How do I renew the VPN token?", "vpn").build());
 * Answer a = inflow.questions().answer(q.id(), "Open the self-service portal, then ...");
 *
 * // A backend with a service token publishes what happened in the LMS.
 * inflow.activities().publish(NewActivity.builder("completed", "course:java-101", "Java 101")
 *     .objectType("course").actor("ana", "Ana Lima").tags("java").build(), "lms-completion-4711");
 *
 * // Follow a target live; the subscription reconnects and resumes by itself.
 * LiveSubscription live = inflow.live().subscribe(List.of(LiveTopic.target("order:4711")),
 *     event -> log.info("order 4711: {}", event.kind()));
 *
 * // Analytics for the monthly report.
 * AnalyticsSummary nov = inflow.analytics().summary(AnalyticsQuery.lastThirtyDays().tag("vpn"));
 *
 * live.close();
 * inflow.close();
 * }</pre>
 *
 * <p>A backend acting for many users keeps one client and derives one per user, sharing the
 * connections: {@code inflow.withTokenSupplier(() -> signer.sign(TokenUser.of("ana", "Ana")))}.
 *
 * <p><b>Retries.</b> A call is retried, up to {@link Builder#maxRetries} times, when the server
 * answers 429 (rate limited) or 503 (unavailable), and when the connection fails before the
 * request left. After it left (a read timeout, a reset, a proxy's 502 or 504) only calls that are
 * safe to repeat are retried: reads, PUT and DELETE, flags, and creates (which carry an
 * {@code Idempotency-Key} that the server replays); edits and moderation decisions are not. Other
 * errors are not retried: they would be answered the same way again. Waits follow
 * {@code Retry-After} when the server sends it, else exponential backoff with full jitter.
 *
 * <p>Thread-safe. Every call blocks the calling thread until it has an answer or has failed.
 */
public final class InflowClient implements AutoCloseable {
  private final Transport transport;
  private final boolean ownsTransport;
  private final CommentsApi comments;
  private final QuestionsApi questions;
  private final ExpertsApi experts;
  private final FeedApi feed;
  private final ActivitiesApi activities;
  private final FollowsApi follows;
  private final NotificationsApi notifications;
  private final AnalyticsApi analytics;
  private final LiveApi live;

  private InflowClient(Transport transport, boolean ownsTransport) {
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.comments = new CommentsApi(transport);
    this.questions = new QuestionsApi(transport);
    this.experts = new ExpertsApi(transport);
    this.feed = new FeedApi(transport);
    this.activities = new ActivitiesApi(transport);
    this.follows = new FollowsApi(transport);
    this.notifications = new NotificationsApi(transport);
    this.analytics = new AnalyticsApi(transport);
    this.live = new LiveApi(transport);
  }

  /** @return a builder; only {@link Builder#baseUrl} is required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return threaded comments on any target */
  public CommentsApi comments() {
    return comments;
  }

  /** @return ask an expert: questions, answers, votes, acceptance, verification */
  public QuestionsApi questions() {
    return questions;
  }

  /** @return the experts directory, declared expertise, tags and the community queue */
  public ExpertsApi experts() {
    return experts;
  }

  /** @return the activity feeds: home, target, topic, user */
  public FeedApi feed() {
    return feed;
  }

  /** @return publishing activities from a host backend (service token) */
  public ActivitiesApi activities() {
    return activities;
  }

  /** @return follows and mutes of the signed-in user */
  public FollowsApi follows() {
    return follows;
  }

  /** @return the signed-in user's notifications */
  public NotificationsApi notifications() {
    return notifications;
  }

  /** @return the analytics summary, as JSON or CSV */
  public AnalyticsApi analytics() {
    return analytics;
  }

  /** @return the live channel: subscriptions that reconnect and resume by themselves */
  public LiveApi live() {
    return live;
  }

  /**
   * Asks the server who the client's token makes the caller: a quick check that the base URL,
   * the tenant and the secret agree.
   *
   * @return the caller as the server sees it; {@link Me#signedIn()} is false without a token
   * @throws UnauthorizedException when the token is refused; the detail says why
   */
  public Me me() {
    return transport.call(ApiCall.get(ApiPath.v1("me")), MeJson::me);
  }

  /**
   * @param tokenSupplier supplies the bearer token for each attempt of each call
   * @return a client that shares this one's connections and settings but calls as the user of
   *     these tokens; its {@link #close()} does nothing, closing this client closes both
   */
  public InflowClient withTokenSupplier(Supplier<String> tokenSupplier) {
    return new InflowClient(transport.withTokens(Objects.requireNonNull(tokenSupplier, "tokenSupplier")), false);
  }

  /**
   * Releases the connection pool and threads. Calls made afterwards throw
   * {@link IllegalStateException}. Closing twice does nothing; closing a client made by
   * {@link #withTokenSupplier} does nothing.
   */
  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "InflowClient[" + transport.baseUrl() + "]";
  }

  /**
   * Builds an {@link InflowClient}. Each option is checked when set and names itself when wrong.
   * Not thread-safe.
   */
  public static final class Builder {
    private HttpUrl baseUrl;
    private Supplier<String> tokenSupplier;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random;

    private Builder() {}

    /**
     * Where Inflow is mounted (required), e.g. {@code https://inflow.example.com/inflow} for the
     * standalone server or {@code https://intranet.example.com/inflow} for a host's servlet.
     *
     * @throws IllegalArgumentException when it is not an http or https URL without query or fragment
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      HttpUrl url = HttpUrl.parse(baseUrl.strip());
      if (url == null || url.query() != null || url.fragment() != null) {
        throw new IllegalArgumentException("baseUrl must be an http or https URL without query or fragment, such as "
            + "https://inflow.example.com/inflow (got '" + baseUrl + "')");
      }
      this.baseUrl = url;
      return this;
    }

    /**
     * Supplies the bearer token for each attempt of each call (asked again on retries, because
     * tokens live at most five minutes), typically {@code () -> signer.sign(user)} with a
     * {@link UserTokenSigner}. Without one, calls are anonymous; a supplier may also return null
     * for an anonymous call. What it throws reaches the caller unchanged. Must be thread-safe.
     */
    public Builder tokenSupplier(Supplier<String> tokenSupplier) {
      this.tokenSupplier = Objects.requireNonNull(tokenSupplier, "tokenSupplier");
      return this;
    }

    /** Longest wait for a connection, per attempt (default 10 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    /** Longest wait for the server to answer (or to take the request), per attempt (default 30 s). */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive("readTimeout", readTimeout);
      return this;
    }

    /** Retries after the first attempt, 0 to 10 (default 2); see the class comment for which failures retry. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be between 0 and 10 (got " + maxRetries + ")");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The longest {@code Retry-After} the client waits out before retrying (default 30 s). When
     * the server asks for a longer wait, the client does not block that long: it throws
     * {@link RateLimitedException} or {@link ServiceUnavailableException} at once, whose
     * {@code retryAfter()} says when to come back.
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      if (maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must be zero or more (got " + maxRetryAfter + ")");
      }
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /** How to wait between retries (default {@link Sleeper#system()}); tests pass one that records and returns. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The source of backoff jitter (default: {@link java.util.concurrent.ThreadLocalRandom}).
     * Must be thread-safe when the client is shared, as {@link java.util.Random} is.
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * @return the client, ready to call
     * @throws IllegalStateException when no base URL was set
     */
    public InflowClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required: where Inflow is mounted, e.g. https://inflow.example.com/inflow");
      }
      Transport.Config config = new Transport.Config(baseUrl, connectTimeout, readTimeout,
          new RetryPolicy(maxRetries, maxRetryAfter, random), sleeper, Clock.systemUTC());
      return new InflowClient(new Transport(config, tokenSupplier), true);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be more than zero (got " + value.toString().toLowerCase(Locale.ROOT) + ")");
      }
      return value;
    }
  }
}
