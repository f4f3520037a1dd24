package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.server.EmbeddedJetty;
import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.HostPage;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Live updates in {@code <inflow-comments>}: two people in two real headless Chromiums on the same
 * page see each other's changes without reloading, through outages of the live channel, from
 * another origin (single-use tickets), and behind a proxy that blocks WebSocket (Server-Sent
 * Events). Runs on the database chosen by {@code -Dinflow.test.db}, on Jetty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveUpdatesWidgetTest {
  private static final String API = "/inflow/api/v1";
  private final LiveGate gate = new LiveGate();
  private Inflow inflow;
  private InflowServlet servlet;
  private TestServer server;
  private EmbeddedJetty portal;

  @BeforeAll
  void start() throws Exception {
    portal = EmbeddedJetty.start(0, context -> context.addServlet(new ServletHolder(new HostPage()), "/page/*"));
    inflow = Gallery.browserInflow();
    servlet = InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).allowedOrigins(List.of(portalOrigin())).build();
    server = TestServer.start(Container.JETTY, servlet, Map.of("/page/*", new HostPage()), Map.of("/inflow/live/*", gate));
  }

  @AfterEach
  void openTheGate() {
    gate.set(LiveGate.Mode.OPEN);
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {server, portal, inflow}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void aColleaguesNewCommentEditReactionAndDeletionShowUpWithoutReloading() {
    String target = newTarget();
    try (Browser ana = Browser.start(); Browser ben = Browser.start()) {
      CommentsWidget anas = CommentsWidget.open(ana.login(server.baseUrl(), "ana"), page(target));
      CommentsWidget bens = CommentsWidget.open(ben.login(server.baseUrl(), "ben"), page(target));
      ben.script("window.stillTheSamePage = true");

      anas.post("Is the new VPN client mandatory from Monday?");
      WebElement seen = bens.comment("Is the new VPN client mandatory");
      assertThat(seen.getText()).contains("ana");
      bens.shows(".status", "New comment from ana");
      bens.shows("h2", "1 comment");
      assertThat(CommentsWidget.buttons(seen)).extracting(WebElement::getText).contains("Reply", "Flag").doesNotContain("Edit");

      WebElement mine = anas.comment("Is the new VPN client mandatory");
      anas.button(mine, "Edit").click();
      WebElement box = ana.await(d -> mine.findElement(By.cssSelector(".slot textarea")));
      box.clear();
      box.sendKeys("Is the new VPN client mandatory from **Tuesday**?");
      anas.button(mine, "Save").click();
      ben.await(d -> CommentsWidget.body(seen).equals("Is the new VPN client mandatory from Tuesday?"));
      assertThat(seen.findElement(By.cssSelector(".body strong")).getText()).isEqualTo("Tuesday");
      assertThat(seen.findElement(By.cssSelector(".meta")).getText()).contains("edited");

      anas.react(mine, "👍");
      assertThat(bens.button(seen, "👍 1").getAttribute("aria-pressed")).as("ben did not react himself").isEqualTo("false");

      anas.post("Wrong thread, sorry.");
      bens.comment("Wrong thread, sorry.");
      bens.shows("h2", "2 comments");
      WebElement wrong = anas.comment("Wrong thread, sorry.");
      anas.button(wrong, "Delete").click();
      anas.button(wrong, "Yes, delete").click();
      ben.await(d -> bens.findComment("Wrong thread").isEmpty());
      bens.shows("h2", "1 comment");

      assertThat(ben.script("return window.stillTheSamePage")).as("no reload").isEqualTo(true);
      assertThat(bens.connection()).isEmpty();
      assertThat(ana.console() + ben.console()).as("errors in the browser console").doesNotContain("SEVERE");
    }
  }

  @Test
  void whileTheLiveChannelIsDownTheStatusSaysSoAndWhatWasMissedArrivesOnceAfterwards() {
    String target = newTarget();
    try (Browser ana = Browser.start(); Browser ben = Browser.start()) {
      CommentsWidget anas = CommentsWidget.open(ana.login(server.baseUrl(), "ana"), page(target));
      CommentsWidget bens = CommentsWidget.open(ben.login(server.baseUrl(), "ben"), page(target));
      ben.script("window.stillTheSamePage = true");
      anas.post("The VPN gateway moves on Monday.");
      bens.comment("The VPN gateway moves on Monday.");
      assertThat(bens.connection()).isEmpty();

      gate.set(LiveGate.Mode.DOWN);
      servlet.closeLiveConnections();
      ben.await(d -> bens.connection().equals("Offline — reconnecting…"));

      anas.post("Posted while Ben was offline.");
      anas.comment("Posted while Ben was offline.");
      assertThat(bens.findComment("Posted while Ben was offline.")).isEmpty();

      gate.set(LiveGate.Mode.OPEN);
      // What the browser does when the network is back: the widget reconnects without waiting out its backoff.
      ben.script("window.dispatchEvent(new Event('online'))");
      bens.comment("Posted while Ben was offline.");
      ben.await(d -> bens.connection().isEmpty());

      // Events come in order: once this one is there, a repeat of the missed one would be too.
      postAs("ana", target, "Back to normal.");
      bens.comment("Back to normal.");
      assertThat(bens.count("Posted while Ben was offline.")).as("shown exactly once").isEqualTo(1);
      bens.shows("h2", "3 comments");
      assertThat(ben.script("return window.stillTheSamePage")).as("no reload").isEqualTo(true);
    }
  }

  @Test
  void whenTheMissedChangesAreNoLongerKeptTheListReloadsAndCatchesUp() {
    String target = newTarget();
    postAs("ana", target, "Kept in the list.");
    try (Browser ben = Browser.start()) {
      CommentsWidget bens = CommentsWidget.open(ben.login(server.baseUrl(), "ben"), page(target));
      ben.script("arguments[0].setAttribute('data-rendered-before', '')", bens.comment("Kept in the list."));
      ben.script("window.stillTheSamePage = true");
      gate.set(LiveGate.Mode.DOWN);
      servlet.closeLiveConnections();
      ben.await(d -> bens.connection().equals("Offline — reconnecting…"));

      postAs("ana", target, "Missed, and its event is purged.");
      inflow.platform().events().purge(Duration.ZERO);
      gate.set(LiveGate.Mode.OPEN);
      ben.script("window.dispatchEvent(new Event('online'))");

      bens.comment("Missed, and its event is purged.");
      bens.shows("h2", "2 comments");
      assertThat(bens.count("Kept in the list.")).isEqualTo(1);
      assertThat(bens.comment("Kept in the list.").getAttribute("data-rendered-before")).as("the list was loaded again").isNull();
      assertThat(ben.script("return window.stillTheSamePage")).as("the list reloaded, not the page").isEqualTo(true);
    }
  }

  @Test
  void aPageOnAnotherOriginFollowsWithSingleUseTickets() {
    String target = newTarget();
    long webSockets = liveConnections("websocket");
    long streams = liveConnections("sse");
    try (Browser cleo = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(cleo, portalPage(target, TestTokens.token("cleo")));
      postAs("ben", target, "Hello portal, from the intranet.");
      assertThat(widget.comment("Hello portal, from the intranet.").getText()).contains("ben");
      widget.shows(".status", "New comment from ben");

      // A reconnect needs a fresh ticket: the first one was used up.
      servlet.closeLiveConnections();
      postAs("ben", target, "Still there after the reconnect?");
      widget.comment("Still there after the reconnect?");
      widget.shows("h2", "2 comments");
      assertThat(cleo.console()).as("errors in the browser console").doesNotContain("SEVERE");
    }
    assertThat(liveConnections("websocket")).as("WebSocket connections opened").isGreaterThanOrEqualTo(webSockets + 2);
    assertThat(liveConnections("sse")).as("no fallback needed").isEqualTo(streams);
  }

  @Test
  void whereAProxyBlocksWebSocketUpdatesArriveOverServerSentEvents() {
    String target = newTarget();
    gate.set(LiveGate.Mode.NO_WEBSOCKET);
    long streams = liveConnections("sse");
    try (Browser ben = Browser.start(); Browser cleo = Browser.start()) {
      CommentsWidget bens = CommentsWidget.open(ben.login(server.baseUrl(), "ben"), page(target));
      CommentsWidget cleos = CommentsWidget.open(cleo, portalPage(target, TestTokens.token("cleo")));

      JsonNode comment = postAs("ana", target, "Does SSE get through the proxy?");
      bens.comment("Does SSE get through the proxy?");
      cleos.comment("Does SSE get through the proxy?");

      Http.Response edited = new Http(server.baseUrl()).patch(API + "/comments/" + comment.path("id").asText())
          .bearer(TestTokens.token("ana")).header("If-Match", "\"" + comment.path("version").asText() + "\"")
          .json("{\"body\":\"Yes, SSE gets through the proxy.\"}").send();
      assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
      bens.comment("Yes, SSE gets through the proxy.");
      cleos.comment("Yes, SSE gets through the proxy.");

      // The streams end as when a server restarts: both resume from where they were.
      servlet.closeLiveConnections();
      postAs("ana", target, "And after the stream was cut?");
      bens.comment("And after the stream was cut?");
      cleos.comment("And after the stream was cut?");
      bens.shows("h2", "2 comments");
      assertThat(bens.count("Yes, SSE gets through")).isEqualTo(1);
      assertThat(cleos.count("And after the stream was cut?")).isEqualTo(1);
    }
    assertThat(liveConnections("sse")).as("SSE streams opened").isGreaterThanOrEqualTo(streams + 4);
  }

  private long liveConnections(String transport) {
    return inflow.platform().metrics().value("inflow_live_connections_total", "transport", transport);
  }

  private String page(String target) {
    return server.baseUrl() + "/page?target=" + encode(target) + "&csp=strict";
  }

  private String portalPage(String target, String token) {
    String inflowBase = server.baseUrl() + "/inflow";
    return portalOrigin() + "/page?target=" + encode(target) + "&api=" + encode(inflowBase) + "&token=" + encode(token)
        + "&widget=" + encode(inflowBase + "/inflow.js") + "&csp=strict";
  }

  private String portalOrigin() {
    return "http://localhost:" + portal.port();
  }

  /** Posts through the API as the user (their token) and returns the comment. */
  private JsonNode postAs(String user, String target, String body) {
    String json = "{\"body\":\"" + body.replace("\"", "\\\"") + "\"}";
    Http.Response r = new Http(server.baseUrl()).post(API + "/targets/" + target + "/comments").bearer(TestTokens.token(user)).json(json).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private static String newTarget() {
    return "kb/vpn-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
