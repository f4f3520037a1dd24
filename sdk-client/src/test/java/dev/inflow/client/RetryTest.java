package dev.inflow.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the client does when the server (or the network) misbehaves in ways a real server will not on demand. */
class RetryTest extends StubbedServer {
  private static final String COMMENTS = "/inflow/api/v1/targets/order:1/comments";
  private static final String COMMENT = "/inflow/api/v1/comments/7";

  @Test
  void createRetriedAfter503SendsTheSameIdempotencyKeyAndPostsOnce() {
    server.stubFor(post(urlPathEqualTo(COMMENTS)).inScenario("db down").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(problem(503, "unavailable", "Temporarily unavailable").withHeader("Retry-After", "2"))
        .willSetStateTo("db back"));
    server.stubFor(post(urlPathEqualTo(COMMENTS)).inScenario("db down").whenScenarioStateIs("db back")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(Answers.comment("7", "hello"))));

    Comment created = client(b -> b).comments().create("order:1", NewComment.of("hello"));

    assertThat(created.id()).isEqualTo("7");
    List<LoggedRequest> attempts = server.findAll(postRequestedFor(urlPathEqualTo(COMMENTS)));
    assertThat(attempts).hasSize(2);
    String key = attempts.get(0).getHeader("Idempotency-Key");
    assertThat(key).isNotBlank();
    assertThat(attempts.get(1).getHeader("Idempotency-Key")).isEqualTo(key);
    assertThat(attempts.get(1).getBodyAsString()).isEqualTo(attempts.get(0).getBodyAsString());
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void eachLogicalCreateGetsItsOwnIdempotencyKey() {
    server.stubFor(post(urlPathEqualTo(COMMENTS))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(Answers.comment("7", "hello"))));
    InflowClient inflow = client(b -> b);

    inflow.comments().create("order:1", NewComment.of("hello"));
    inflow.comments().create("order:1", NewComment.of("hello"));
    inflow.comments().create("order:1", NewComment.of("hello"), "import-row-17");

    List<String> keys = server.findAll(postRequestedFor(urlPathEqualTo(COMMENTS))).stream().map(r -> r.getHeader("Idempotency-Key")).toList();
    assertThat(keys).doesNotHaveDuplicates().endsWith("import-row-17");
  }

  @Test
  void rateLimitedCallWaitsWhatRetryAfterSaysThenSucceeds() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/me")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(problem(429, "rate-limited", "Too many requests").withHeader("Retry-After", "7")).willSetStateTo("refilled"));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/me")).inScenario("limit").whenScenarioStateIs("refilled").willReturn(okJson(Answers.me())));

    Me me = client(b -> b).me();

    assertThat(me.user()).get().extracting(Me.User::id).isEqualTo("ana");
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterGivenAsAnHttpDateIsWaitedOut() {
    String in20s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(20));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/me")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(problem(503, "unavailable", "Temporarily unavailable").withHeader("Retry-After", in20s)).willSetStateTo("up"));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/me")).inScenario("limit").whenScenarioStateIs("up").willReturn(okJson(Answers.me())));

    client(b -> b).me();

    assertThat(sleeper.waits()).singleElement().satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(17), Duration.ofSeconds(20)));
  }

  @Test
  void persistentRateLimitEndsInRateLimitedExceptionAfterTheLastRetry() {
    server.stubFor(get(anyUrl()).willReturn(problem(429, "rate-limited", "Too many requests").withHeader("Retry-After", "3")));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client(b -> b.maxRetries(2)).comments().get("7"));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.getMessage()).contains("GET /inflow/api/v1/comments/7 (attempt 3) answered 429 Too many requests");
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    server.verify(3, getRequestedFor(urlPathEqualTo(COMMENT)));
  }

  @Test
  void retryAfterLongerThanTheCapIsNotWaitedOutButReported() {
    server.stubFor(get(anyUrl()).willReturn(problem(429, "rate-limited", "Too many requests").withHeader("Retry-After", "3600")));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
        () -> client(b -> b.maxRetries(3).maxRetryAfter(Duration.ofSeconds(30))).comments().get("7"));

    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
    assertThat(sleeper.waits()).isEmpty();
    server.verify(1, getRequestedFor(urlPathEqualTo(COMMENT)));
  }

  @Test
  void serviceUnavailableWithoutRetryAfterBacksOffWithJitterUnderADoublingCeiling() {
    server.stubFor(get(anyUrl()).willReturn(problem(503, "unavailable", "Temporarily unavailable")));

    assertThatThrownBy(() -> client(b -> b.maxRetries(3)).comments().get("7")).isInstanceOf(ServiceUnavailableException.class);

    List<Duration> waits = sleeper.waits();
    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
    assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    assertThat(waits.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(2000));
  }

  @Test
  void otherErrorsAreNotRetried() {
    server.stubFor(get(anyUrl()).willReturn(problem(500, "internal", "Something went wrong on our side")));

    assertThatThrownBy(() -> client(b -> b.maxRetries(3)).comments().get("7")).isInstanceOf(ServerException.class)
        .isNotInstanceOf(ServiceUnavailableException.class);
    server.verify(1, anyRequestedFor(anyUrl()));
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aGatewayFailureIsRetriedForReadsButNotForEdits() {
    server.stubFor(get(urlPathEqualTo(COMMENT)).inScenario("gw").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<h1>502 Bad Gateway</h1>"))
        .willSetStateTo("up"));
    server.stubFor(get(urlPathEqualTo(COMMENT)).inScenario("gw").whenScenarioStateIs("up").willReturn(okJson(Answers.comment("7", "hi"))));
    server.stubFor(patch(urlPathEqualTo(COMMENT)).willReturn(aResponse().withStatus(504)));
    InflowClient inflow = client(b -> b.maxRetries(2));

    assertThat(inflow.comments().get("7").body()).isEqualTo("hi");
    assertThatThrownBy(() -> inflow.comments().edit("7", "new", 1)).isInstanceOf(ServerException.class)
        .satisfies(e -> assertThat(((ServerException) e).status()).isEqualTo(504));

    server.verify(2, getRequestedFor(urlPathEqualTo(COMMENT)));
    server.verify(1, WireMock.patchRequestedFor(urlPathEqualTo(COMMENT)));
  }

  @Test
  void everyAttemptAsksTheSupplierForAFreshToken() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/me")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(problem(503, "unavailable", "Temporarily unavailable").withHeader("Retry-After", "1")).willSetStateTo("up"));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/me")).inScenario("s").whenScenarioStateIs("up").willReturn(okJson(Answers.me())));
    AtomicInteger signed = new AtomicInteger();

    client(b -> b.tokenSupplier(() -> "token-" + signed.incrementAndGet())).me();

    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/inflow/api/v1/me"))))
        .extracting(r -> r.getHeader("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void slowReadTimesOutAndIsRetriedBecauseReadingIsSafeToRepeat() {
    server.stubFor(get(urlPathEqualTo(COMMENT)).willReturn(okJson(Answers.comment("7", "slow")).withFixedDelay(1500)));

    RequestTimeoutException e = catchThrowableOfType(RequestTimeoutException.class,
        () -> client(b -> b.readTimeout(Duration.ofMillis(200)).maxRetries(1)).comments().get("7"));

    assertThat(e).isInstanceOf(ConnectionException.class);
    assertThat(e.status()).isZero();
    assertThat(e.problem()).isEmpty();
    assertThat(e.getMessage()).contains("GET /inflow/api/v1/comments/7 (attempt 2) got no answer in time");
    server.verify(2, getRequestedFor(urlPathEqualTo(COMMENT)));
  }

  @Test
  void slowEditTimesOutAndIsNotRepeatedBecauseARepeatWouldBeRefusedAsStale() {
    server.stubFor(patch(urlPathEqualTo(COMMENT)).willReturn(okJson(Answers.comment("7", "slow")).withFixedDelay(1500)));

    assertThatThrownBy(() -> client(b -> b.readTimeout(Duration.ofMillis(200)).maxRetries(3)).comments().edit("7", "new text", 1))
        .isInstanceOf(RequestTimeoutException.class);

    server.verify(1, anyRequestedFor(anyUrl()));
    assertThat(server.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("If-Match")).isEqualTo("\"1\"");
  }

  @Test
  void slowCreateIsRetriedWithItsIdempotencyKey() {
    server.stubFor(post(urlPathEqualTo(COMMENTS)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(Answers.comment("7", "hi")).withFixedDelay(1500))
        .willSetStateTo("fast"));
    server.stubFor(post(urlPathEqualTo(COMMENTS)).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withHeader("Idempotent-Replayed", "true")
            .withBody(Answers.comment("7", "hi"))));

    Comment created = client(b -> b.readTimeout(Duration.ofMillis(200))).comments().create("order:1", NewComment.of("hi"));

    assertThat(created.id()).isEqualTo("7");
    assertThat(server.findAll(postRequestedFor(urlPathEqualTo(COMMENTS)))).extracting(r -> r.getHeader("Idempotency-Key"))
        .hasSize(2).doesNotContainNull().containsOnly(server.findAll(postRequestedFor(urlPathEqualTo(COMMENTS))).get(0).getHeader("Idempotency-Key"));
  }

  @Test
  void connectionRefusedIsRetriedThenReportedAsAConnectionFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    client = InflowClient.builder().baseUrl("http://127.0.0.1:" + closedPort + "/inflow").sleeper(sleeper).maxRetries(2)
        .connectTimeout(Duration.ofSeconds(2)).build();

    // Even a POST without idempotency key is retried: a request that never left cannot have done anything.
    ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.comments().approve("7"));

    assertThat(e).isNotInstanceOf(RequestTimeoutException.class);
    assertThat(e.getMessage()).contains("POST /inflow/api/v1/moderation/comments/7/approve (attempt 3) could not connect");
    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    assertThat(sleeper.waits()).hasSize(2);
  }

  @Test
  void interruptedWhileWaitingStopsRetryingAndKeepsTheInterrupt() {
    server.stubFor(get(anyUrl()).willReturn(problem(503, "unavailable", "Temporarily unavailable").withHeader("Retry-After", "1")));
    client = InflowClient.builder().baseUrl(server.baseUrl() + "/inflow").maxRetries(3)
        .sleeper(d -> {
          throw new InterruptedException("shutting down");
        }).build();

    try {
      assertThatThrownBy(() -> client.comments().get("7")).isInstanceOf(ServiceUnavailableException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    server.verify(1, anyRequestedFor(anyUrl()));
  }
}
