package dev.inflow.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The newer namespaces meeting what a real server will not do on demand: 503 then success,
 * Retry-After, slow answers, malformed bodies, CSV where JSON was expected and the reverse.
 */
class NamespaceAnswersTest extends StubbedServer {
  private static final String ACTIVITIES = "/inflow/api/v1/activities";
  private static final String QUESTION = "/inflow/api/v1/questions/12";

  private static String activity(String id) {
    return """
        {"id":"%s","actor":{"id":"ana","name":"Ana","avatarUrl":null},"verb":"completed",
         "object":{"id":"course:java-101","type":"course","name":"Java 101","url":null},"target":null,"tags":["java"],
         "published":"2026-11-23T10:00:00Z","groupKey":"g","count":1,"actors":[{"id":"ana","name":"Ana","avatarUrl":null}],
         "actorCount":1,"summary":"Ana completed Java 101"}
        """.formatted(id);
  }

  private static String question(String id, String status) {
    return """
        {"id":"%s","title":"VPN?","body":"","html":"","tags":["vpn"],"targetKey":null,"anonymous":false,
         "author":{"id":"ana","name":"Ana","avatarUrl":null},"mine":true,"status":"%s","answerCount":0,"acceptedAnswerId":null,
         "duplicateOf":null,"routedTo":["eva"],"escalationLevel":0,"createdAt":"2026-11-23T10:00:00Z","editedAt":null,"version":1,
         "canEdit":true,"canDelete":true,"canAnswer":true,"canModerate":false,"answers":[]}
        """.formatted(id, status);
  }

  private static NewActivity completed() {
    return NewActivity.builder("completed", "course:java-101", "Java 101").objectType("course").actor("ana").build();
  }

  @Test
  void aPublishAnswered503IsRetriedWithTheSameKeyAndBodyAndPublishesOnce() {
    server.stubFor(post(urlPathEqualTo(ACTIVITIES)).inScenario("db down").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(problem(503, "unavailable", "Temporarily unavailable")).willSetStateTo("db back"));
    server.stubFor(post(urlPathEqualTo(ACTIVITIES)).inScenario("db down").whenScenarioStateIs("db back")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(activity("41"))));

    Activity published = client(b -> b).activities().publish(completed(), "lms-row-17");

    assertThat(published.id()).isEqualTo("41");
    List<LoggedRequest> attempts = server.findAll(postRequestedFor(urlPathEqualTo(ACTIVITIES)));
    assertThat(attempts).hasSize(2);
    assertThat(attempts).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("lms-row-17");
    assertThat(attempts.get(1).getBodyAsString()).isEqualTo(attempts.get(0).getBodyAsString())
        .contains("\"actor\":{\"id\":\"ana\"}").contains("\"type\":\"course\"");
    assertThat(sleeper.waits()).hasSize(1);
  }

  @Test
  void aRateLimitedReadWaitsWhatRetryAfterSaysThenReadsTheQuestion() {
    server.stubFor(get(urlPathEqualTo(QUESTION)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(problem(429, "rate-limited", "Too many requests").withHeader("Retry-After", "3")).willSetStateTo("ok"));
    server.stubFor(get(urlPathEqualTo(QUESTION)).inScenario("limit").whenScenarioStateIs("ok").willReturn(okJson(question("12", "open"))));

    QuestionThread thread = client(b -> b).questions().get("12");

    assertThat(thread.question().routedTo()).containsExactly("eva");
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void aSlowAnswerTimesOutAndAReadIsRetriedOnce() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/notifications")).willReturn(okJson("{\"items\":[],\"next\":null,\"unreadCount\":0}")
        .withFixedDelay(1_500)));

    RequestTimeoutException e = catchThrowableOfType(RequestTimeoutException.class,
        () -> client(b -> b.readTimeout(Duration.ofMillis(200)).maxRetries(1)).notifications().list(false, PageOptions.first()));

    assertThat(e.getMessage()).contains("GET /inflow/api/v1/notifications").contains("no answer in time");
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/inflow/api/v1/notifications")))).hasSize(2);
  }

  @Test
  void aMalformedQuestionNamesTheFieldThatIsWrong() {
    server.stubFor(get(urlPathEqualTo(QUESTION)).willReturn(okJson(question("12", "pondering"))));

    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class, () -> client(b -> b).questions().get("12"));

    assertThat(e.getMessage()).contains("'status' is 'pondering'");
    assertThat(e.status()).isEqualTo(200);
  }

  @Test
  void aTruncatedFeedPageIsAnUnexpectedResponseQuotingTheBody() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/feed")).willReturn(okJson("{\"items\":[" + activity("1").substring(0, 80))));

    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class,
        () -> client(b -> b).feed().home(PageOptions.first()));

    assertThat(e.getMessage()).contains("not valid JSON").contains("\"items\":[");
  }

  @Test
  void theCsvSummaryIsReadAsTextAndAJsonAnswerInsteadIsRefused() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/analytics/summary")).inScenario("csv").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/csv; charset=utf-8; header=present")
            .withBody("section,tag\r\nquestions,vpn\r\n")).willSetStateTo("json"));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/analytics/summary")).inScenario("csv").whenScenarioStateIs("json")
        .willReturn(okJson("{\"from\":\"2026-11-01T00:00:00Z\"}")));
    InflowClient inflow = client(b -> b);

    assertThat(inflow.analytics().summaryCsv(AnalyticsQuery.lastThirtyDays().tag("vpn"))).isEqualTo("section,tag\r\nquestions,vpn\r\n");
    assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/inflow/api/v1/analytics/summary"))).get(0).getHeader("Accept"))
        .startsWith("text/csv");
    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class,
        () -> inflow.analytics().summaryCsv(AnalyticsQuery.lastThirtyDays()));
    assertThat(e.getMessage()).contains("instead of text/csv");
  }

  @Test
  void notificationPagesAreStreamedFollowingTheirCursors() {
    String n1 = "{\"id\":\"1\",\"reason\":\"answer.posted\",\"title\":\"A\",\"createdAt\":\"2026-11-23T10:00:00Z\",\"readAt\":null}";
    String n2 = "{\"id\":\"2\",\"reason\":\"some.future.reason\",\"title\":\"B\",\"createdAt\":\"2026-11-23T09:00:00Z\",\"readAt\":\"2026-11-23T09:30:00Z\"}";
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/notifications")).withQueryParam("cursor", com.github.tomakehurst.wiremock.client.WireMock.absent())
        .willReturn(okJson("{\"items\":[" + n1 + "],\"next\":\"c2\",\"unreadCount\":1}")));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/notifications")).withQueryParam("cursor", com.github.tomakehurst.wiremock.client.WireMock.equalTo("c2"))
        .willReturn(okJson("{\"items\":[" + n2 + "],\"next\":null,\"unreadCount\":1}")));

    List<Notification> all = client(b -> b).notifications().stream(false).toList();

    assertThat(all).extracting(Notification::reason).containsExactly("answer.posted", "some.future.reason");
    assertThat(all).extracting(Notification::read).containsExactly(false, true);
  }
}
