package dev.inflow.core.xapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.BEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.delivery.DeadLetter;
import dev.inflow.core.feed.NewActivity;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Statements reach a Learning Record Store (WireMock) once each, whatever the LRS does meanwhile. */
class XapiOutboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Caller ADMIN = Caller.of("default", User.builder("root").name("Root").roles(Role.ADMIN).build());
  private static final Caller LMS = Caller.of("default", User.builder("lms").name("LMS").roles(Role.SERVICE).build());
  private final WireMockServer lrs = new WireMockServer(wireMockConfig().dynamicPort());
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  private final String url = TestDatabase.freshUrl();
  private final List<Inflow> nodes = new ArrayList<>();
  private final Inflow inflow;

  XapiOutboxTest() {
    lrs.start();
    inflow = node();
  }

  private Inflow node() {
    // The timeout leaves a busy machine's WireMock time to answer; the slow LRS below takes far longer.
    Inflow node = Inflow.builder().jdbcUrl(url).clock(clock).runBackgroundJobs(false)
        .limits(Limits.builder().userWritesPerMinute(1_000).build())
        .xapi(XapiSettings.builder(URI.create(lrs.baseUrl() + "/xapi")).credentials("lrs-user", "lrs-pass")
            .timeout(Duration.ofMillis(1_000)).maxAttempts(4).build())
        .build();
    nodes.add(node);
    return node;
  }

  @AfterEach
  void stop() {
    nodes.forEach(Inflow::close);
    lrs.stop();
  }

  private void lrsAnswers(int status) {
    lrs.resetMappings();
    lrs.stubFor(put(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(status)));
  }

  private void comment(Caller who, String body) {
    clock.advance(Duration.ofSeconds(1));
    inflow.comments().create(who, "order:4711", NewComment.of(body).onTarget("Order 4711", "https://erp.example/orders/4711"), Optional.empty());
  }

  /** Runs due jobs, then moves past every backoff so that retries are due next time. */
  private void deliverAndWait() {
    inflow.platform().jobs().runDue();
    clock.advance(Duration.ofHours(2));
  }

  private List<ServeEvent> requests() {
    List<ServeEvent> all = new ArrayList<>(lrs.getAllServeEvents());
    java.util.Collections.reverse(all);
    return all;
  }

  private static String statementId(ServeEvent e) {
    return e.getRequest().queryParameter("statementId").firstValue();
  }

  private static JsonNode body(ServeEvent e) throws Exception {
    return JSON.readTree(e.getRequest().getBodyAsString());
  }

  @Test
  void aCommentBecomesAStatementWithAnAccountActorAndAnAdlVerb() throws Exception {
    lrsAnswers(204);
    comment(ANA, "Delivery **address** is wrong");
    inflow.platform().jobs().runDue();

    ServeEvent sent = requests().get(0);
    assertThat(sent.getRequest().getMethod().getName()).isEqualTo("PUT");
    assertThat(sent.getRequest().getHeader("X-Experience-API-Version")).isEqualTo("1.0.3");
    assertThat(sent.getRequest().getHeader("Authorization")).isEqualTo("Basic bHJzLXVzZXI6bHJzLXBhc3M=");
    JsonNode statement = body(sent);
    assertThat(statement.path("id").asText()).isEqualTo(statementId(sent)).matches("[0-9a-f-]{36}");
    assertThat(statement.at("/actor/account/homePage").asText()).isEqualTo("https://inflow.invalid/tenants/default");
    assertThat(statement.at("/actor/account/name").asText()).isEqualTo("ana");
    assertThat(statement.at("/actor/name").asText()).isEqualTo("Ana Lima");
    assertThat(statement.at("/verb/id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/commented");
    assertThat(statement.at("/verb/display/en-US").asText()).isEqualTo("commented");
    assertThat(statement.at("/object/id").asText()).isEqualTo("https://inflow.invalid/tenants/default/targets/order%3A4711");
    assertThat(statement.at("/object/definition/name/en-US").asText()).isEqualTo("Order 4711");
    assertThat(statement.at("/object/definition/moreInfo").asText()).isEqualTo("https://erp.example/orders/4711");
    assertThat(statement.at("/result/response").asText()).isEqualTo("Delivery **address** is wrong");
    assertThat(statement.at("/context/platform").asText()).isEqualTo("Inflow");
    assertThat(statement.path("timestamp").asText()).isEqualTo("2026-11-23T09:00:01Z");
  }

  @Test
  void hostActivitiesNameTheirObjectTypeAndTargetAndMayStayOut() throws Exception {
    lrsAnswers(204);
    inflow.feeds().publish(LMS, NewActivity.builder("completed", "course:java-101", "Java 101").objectType("course")
        .target("catalog:java", "Java catalogue", null).actor("ana", "Ana Lima").build(), Optional.empty());
    inflow.feeds().publish(LMS, NewActivity.builder("viewed", "page:1", "Page").actor("ana", null).xapi(false).build(), Optional.empty());
    inflow.platform().jobs().runDue();

    assertThat(requests()).hasSize(1);
    JsonNode statement = body(requests().get(0));
    assertThat(statement.at("/verb/id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/completed");
    assertThat(statement.at("/object/id").asText()).isEqualTo("https://inflow.invalid/tenants/default/objects/course%3Ajava-101");
    assertThat(statement.at("/object/definition/type").asText()).isEqualTo("http://adlnet.gov/expapi/activities/course");
    assertThat(statement.at("/context/contextActivities/parent/0/definition/name/en-US").asText()).isEqualTo("Java catalogue");
  }

  @Test
  void anLrsThatIsDownForAWhileLosesNothingAndGetsNothingTwice() throws Exception {
    lrsAnswers(503);
    comment(ANA, "one");
    comment(BEN, "two");
    comment(ANA, "three");
    deliverAndWait();
    deliverAndWait();
    lrsAnswers(204);
    deliverAndWait();
    deliverAndWait();

    List<ServeEvent> accepted = requests().stream().filter(e -> e.getResponse().getStatus() == 204).toList();
    Map<String, Long> perStatement = accepted.stream().collect(Collectors.groupingBy(XapiOutboxTest::statementId, Collectors.counting()));
    assertThat(perStatement).hasSize(3).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
    List<String> responses = new ArrayList<>();
    for (ServeEvent e : accepted) {
      responses.add(body(e).at("/result/response").asText());
    }
    assertThat(responses).containsExactlyInAnyOrder("one", "two", "three");
    assertThat(requests().stream().filter(e -> e.getResponse().getStatus() == 503).map(XapiOutboxTest::statementId).distinct())
        .as("retries resend the same statement ids").containsExactlyInAnyOrderElementsOf(perStatement.keySet());
    assertThat(inflow.deadLetters().list(ADMIN, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void aSlowLrsTimesOutAndTheResendIsRecognisedByItsStatementId() {
    lrs.stubFor(put(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(204).withFixedDelay(3_000)));
    comment(ANA, "slow");
    long started = System.nanoTime();
    deliverAndWait();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_800));
    assertThat(inflow.platform().jobs().list("default", "PENDING", 10)).singleElement()
        .satisfies(job -> assertThat(job.lastError().orElseThrow()).containsIgnoringCase("timed out"));

    // The LRS stored the first send after all; it says so with 409 for the resend of the same id.
    lrsAnswers(409);
    deliverAndWait();

    assertThat(requests()).hasSize(2);
    assertThat(requests().stream().map(XapiOutboxTest::statementId).distinct()).hasSize(1);
    assertThat(inflow.platform().jobs().list("default", "PENDING", 10)).isEmpty();
    assertThat(inflow.deadLetters().list(ADMIN, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void aRefusalIsDeadLetteredAtOnceAndAnAdminCanRetryIt() {
    lrsAnswers(400);
    comment(ANA, "refused");
    deliverAndWait();
    deliverAndWait();
    deliverAndWait();

    assertThat(requests()).as("no endless retry").hasSize(1);
    DeadLetter dead = inflow.deadLetters().list(ADMIN, PageRequest.first(10)).items().get(0);
    assertThat(dead.kind()).isEqualTo("xapi.statement");
    assertThat(dead.lastError().orElseThrow()).contains("the LRS answered 400");
    assertThat(dead.payload()).contains("\"statement\"");

    lrsAnswers(204);
    inflow.deadLetters().retry(ADMIN, dead.id());
    deliverAndWait();
    assertThat(requests()).hasSize(2);
    assertThat(requests().get(1).getResponse().getStatus()).isEqualTo(204);
    assertThat(inflow.deadLetters().list(ADMIN, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void anLrsThatStaysDownDeadLettersAfterTheConfiguredAttempts() {
    lrsAnswers(500);
    comment(ANA, "never arrives");
    for (int i = 0; i < 6; i++) {
      deliverAndWait();
    }

    assertThat(requests()).hasSize(4);
    assertThat(inflow.deadLetters().list(ADMIN, PageRequest.first(10)).items()).singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(4));
  }

  @Test
  void twoNodesSendEachStatementOnce() throws Exception {
    lrsAnswers(204);
    Inflow other = node();
    for (int i = 0; i < 20; i++) {
      comment(i % 2 == 0 ? ANA : BEN, "comment " + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Function<Inflow, Callable<Integer>> drain = node -> () -> {
        int ran = 0;
        for (int n; (n = node.platform().jobs().runDue()) > 0; ) {
          ran += n;
        }
        return ran;
      };
      var a = pool.submit(drain.apply(inflow));
      var b = pool.submit(drain.apply(other));
      assertThat(a.get() + b.get()).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }

    assertThat(requests()).hasSize(20);
    assertThat(requests().stream().map(XapiOutboxTest::statementId).distinct()).hasSize(20);
  }
}
