package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Caller;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.LiveClient;
import dev.inflow.servlet.testing.TestTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The live channel: WebSocket and SSE, resume, and who may see what. */
abstract class LiveChannelTests extends ApiContract {
  /** Only a failing run waits this long; a machine under a full build has taken more than 10 s. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Only ana may read targets under secret/. */
  @Override
  protected AccessPolicy accessPolicy() {
    return new AccessPolicy() {
      @Override
      public boolean canRead(Caller caller, String targetKey) {
        return caller.signedIn() && (!targetKey.startsWith("secret/") || caller.userId().orElseThrow().equals("ana"));
      }

      @Override
      public boolean canWrite(Caller caller, String targetKey) {
        return canRead(caller, targetKey);
      }
    };
  }

  private LiveClient connect(String user) {
    return LiveClient.connect(server.baseUrl(), "/inflow/live", Map.of("Authorization", "Bearer " + TestTokens.token(user)));
  }

  private static List<String> bodies(List<JsonNode> events) {
    return events.stream().map(e -> e.path("event").path("body").asText()).toList();
  }

  @Test
  void aSubscriberSeesANewCommentWithoutReloading() throws Exception {
    String target = newTarget();
    try (LiveClient ben = connect("ben")) {
      ben.subscribe("target:" + target, null);
      ben.await(f -> f.stream().anyMatch(x -> x.path("type").asText().equals("subscribed")), WAIT);
      post("ana", target, "live hello");

      JsonNode event = ben.await(f -> !ben.events().isEmpty(), WAIT).stream()
          .filter(f -> f.path("type").asText().equals("event")).findFirst().orElseThrow();
      assertThat(event.path("topic").asText()).isEqualTo("target:" + target);
      assertThat(event.path("seq").asLong()).isPositive();
      assertThat(event.path("event").path("kind").asText()).isEqualTo("comment.created");
      assertThat(event.path("event").path("body").asText()).isEqualTo("live hello");
      assertThat(event.path("event").path("author").path("id").asText()).isEqualTo("ana");
    }
  }

  @Test
  void aReconnectingClientGetsExactlyWhatItMissedInOrder() throws Exception {
    String target = newTarget();
    long since;
    try (LiveClient first = connect("ben")) {
      first.subscribe("target:" + target, null);
      post("ana", target, "seen");
      since = first.await(f -> first.events().size() == 1, WAIT).stream()
          .filter(f -> f.path("type").asText().equals("event")).findFirst().orElseThrow().path("seq").asLong();
    }
    post("ana", target, "missed 1");
    post("ana", target, "missed 2");
    try (LiveClient again = connect("ben")) {
      again.subscribe("target:" + target, since);
      post("ana", target, "live again");
      again.await(f -> again.events().size() >= 3, WAIT);
      Thread.sleep(200);
      assertThat(bodies(again.events())).containsExactly("missed 1", "missed 2", "live again");
    }
  }

  @Test
  void aListResponseSaysFromWhereToSubscribeSoNothingFallsBetween() throws Exception {
    String target = newTarget();
    post("ana", target, "before the page loaded");
    awaitHubCaughtUp();
    Http.Response list = http().get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben")).send();
    long seq = Long.parseLong(list.header("Inflow-Seq"));
    post("ana", target, "between load and subscribe");
    try (LiveClient ben = connect("ben")) {
      ben.subscribe("target:" + target, seq);
      ben.await(f -> ben.events().size() >= 1, WAIT);
      assertThat(bodies(ben.events())).containsExactly("between load and subscribe");
    }
  }

  @Test
  void droppedConnectionsDuringABurstStillEndWithEveryEventExactlyOnce() throws Exception {
    String target = newTarget();
    int clients = 4;
    int comments = 60;
    Random random = new Random(42);
    List<List<String>> received = new ArrayList<>();
    List<LiveClient> live = new ArrayList<>();
    long[] lastSeq = new long[clients];
    long start = Long.parseLong(http().get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben")).send().header("Inflow-Seq"));
    for (int i = 0; i < clients; i++) {
      received.add(new ArrayList<>());
      lastSeq[i] = start;
      LiveClient c = connect("reader" + i);
      c.subscribe("target:" + target, start);
      live.add(c);
    }
    for (int n = 0; n < comments; n++) {
      post("ana", target, "burst " + n);
      if (random.nextInt(6) == 0) {
        int victim = random.nextInt(clients);
        drain(live.get(victim), received.get(victim), lastSeq, victim);
        live.get(victim).abort();
        LiveClient c = connect("reader" + victim);
        c.subscribe("target:" + target, lastSeq[victim]);
        live.set(victim, c);
      }
    }
    for (int i = 0; i < clients; i++) {
      LiveClient c = live.get(i);
      int already = received.get(i).size();
      c.await(f -> already + c.events().size() >= comments, WAIT);
      drain(c, received.get(i), lastSeq, i);
      c.close();
      assertThat(received.get(i)).as("client " + i).hasSize(comments).doesNotHaveDuplicates();
      assertThat(new HashSet<>(received.get(i))).hasSize(comments);
    }
  }

  /**
   * Inflow-Seq is the live hub's position, which trails commits by a few milliseconds; a view loaded
   * in that window may get an event again that it already shows (clients apply events by id, so
   * that is harmless). Tests that assert exact replays wait for the hub first.
   */
  private void awaitHubCaughtUp() throws InterruptedException {
    long last = inflow.events().lastSeq("default");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (inflow.platform().hub().position() < last && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static void drain(LiveClient client, List<String> into, long[] lastSeq, int index) {
    for (JsonNode event : client.events()) {
      long seq = event.path("seq").asLong();
      if (seq > lastSeq[index]) {
        into.add(event.path("event").path("body").asText());
        lastSeq[index] = seq;
      }
    }
  }

  @Test
  void aTargetTheCallerMayNotReadYieldsAnErrorFrameAndNoData() throws Exception {
    try (LiveClient ben = connect("ben")) {
      ben.subscribe("target:secret/salaries", null);
      JsonNode error = ben.await(f -> !f.isEmpty(), WAIT).get(0);
      assertThat(error.path("type").asText()).isEqualTo("error");
      assertThat(error.path("status").asInt()).isEqualTo(404);
      post("ana", "secret/salaries", "for ana only");
      post("ana", newTarget(), "unrelated");
      Thread.sleep(500);
      assertThat(ben.events()).isEmpty();
    }
    try (LiveClient ana = connect("ana")) {
      ana.subscribe("target:secret/salaries", null);
      ana.await(f -> f.stream().anyMatch(x -> x.path("type").asText().equals("subscribed")), WAIT);
    }
  }

  @Test
  void aForeignOriginGetsNoConnectionAtAll() {
    assertThatThrownBy(() -> LiveClient.connect(server.baseUrl(), "/inflow/live",
        Map.of("Authorization", "Bearer " + TestTokens.token("ana"), "Origin", "https://evil.example")))
        .isInstanceOf(CompletionException.class).hasStackTraceContaining("403");
    try (LiveClient allowed = LiveClient.connect(server.baseUrl(), "/inflow/live",
        Map.of("Authorization", "Bearer " + TestTokens.token("ana"), "Origin", "https://portal.example.com"))) {
      assertThat(allowed.isClosed()).isFalse();
    }
  }

  @Test
  void aTicketOpensTheChannelOnceAndNotAfterItExpires() throws Exception {
    Http.Response issued = http().post(API + "/live/tickets").bearer(TestTokens.token("ben")).send();
    assertThat(issued.status()).isEqualTo(201);
    String ticket = issued.json().path("ticket").asText();
    String target = newTarget();
    try (LiveClient ben = LiveClient.connect(server.baseUrl(), "/inflow/live?ticket=" + ticket, Map.of("Origin", "https://portal.example.com"))) {
      ben.subscribe("target:" + target, null);
      post("ana", target, "via ticket");
      ben.await(f -> !ben.events().isEmpty(), WAIT);
    }
    assertThatThrownBy(() -> LiveClient.connect(server.baseUrl(), "/inflow/live?ticket=" + ticket, Map.of()))
        .as("single use").hasStackTraceContaining("401");

    String stale = http().post(API + "/live/tickets").bearer(TestTokens.token("ben")).send().json().path("ticket").asText();
    inflow.platform().db().transaction(sql -> sql.update("UPDATE inflow_live_ticket SET expires_at = ?", java.time.Instant.now().minusSeconds(1)));
    assertThatThrownBy(() -> LiveClient.connect(server.baseUrl(), "/inflow/live?ticket=" + stale, Map.of()))
        .as("expired").hasStackTraceContaining("401");
    assertProblem(http().post(API + "/live/tickets").send(), 401, null);
  }

  @Test
  void badFramesGetErrorsAndTheConnectionStays() throws Exception {
    try (LiveClient ben = connect("ben")) {
      ben.send("not json");
      ben.send("{\"type\":\"dance\"}");
      ben.subscribe("nonsense:x", null);
      ben.send("{\"type\":\"ping\"}");
      List<JsonNode> frames = ben.await(f -> f.size() >= 4, WAIT);
      assertThat(frames.subList(0, 3)).allSatisfy(f -> {
        assertThat(f.path("type").asText()).isEqualTo("error");
        assertThat(f.path("status").asInt()).isEqualTo(400);
      });
      assertThat(frames.get(3).path("type").asText()).isEqualTo("pong");
    }
  }

  @Test
  void serverSentEventsCarryTheSameFramesAndResumeWithLastEventId() throws Exception {
    String target = newTarget();
    post("ana", target, "first");
    awaitHubCaughtUp();
    long seq = Long.parseLong(http().get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben")).send().header("Inflow-Seq"));
    post("ana", target, "second");
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/inflow/live/sse?topics=target:" + target))
        .header("Authorization", "Bearer " + TestTokens.token("ben")).header("Last-Event-ID", Long.toString(seq)).build();
    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
        if (line.contains("\"second\"")) {
          break;
        }
      }
      assertThat(lines).anyMatch(l -> l.startsWith("id: "));
      assertThat(lines).anyMatch(l -> l.startsWith("data: {\"type\":\"event\"") && l.contains("\"second\""));
      assertThat(lines).noneMatch(l -> l.contains("\"first\""));
    }
  }
}
