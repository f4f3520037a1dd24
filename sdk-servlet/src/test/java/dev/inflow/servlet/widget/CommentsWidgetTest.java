package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.TestDatabase;
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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code <inflow-comments>} in a real headless Chromium, on a host page served by Jetty beside
 * Inflow (same origin, the host's login) or by another server (cross-origin, a signed token).
 * Runs on the database chosen by {@code -Dinflow.test.db}; the API suites cover Tomcat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommentsWidgetTest {
  private static final String API = "/inflow/api/v1";
  private Inflow inflow;
  private TestServer server;
  private EmbeddedJetty portal;

  @BeforeAll
  void start() throws Exception {
    // The portal is another origin (another port) that embeds the widget with a token.
    portal = EmbeddedJetty.start(0, context -> context.addServlet(new ServletHolder(new HostPage()), "/page/*"));
    inflow = Gallery.browserInflow();
    InflowServlet servlet = InflowServlet.builder(inflow)
        .tenantKeys(TestTokens.keys())
        .allowedOrigins(List.of(portalOrigin()))
        .build();
    server = TestServer.start(Container.JETTY, servlet, Map.of("/page/*", new HostPage()));
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
  void colleaguesPostReplyAndReactAndSeeEachOther() {
    String target = newTarget();
    try (Browser ana = Browser.start(); Browser ben = Browser.start()) {
      CommentsWidget anas = CommentsWidget.open(ana.login(server.baseUrl(), "ana"), page(target, "csp=strict"));
      anas.shows(".empty", "No comments yet. Start the conversation.");
      // Styles come from a constructed stylesheet, which a strict style-src allows.
      assertThat(anas.find("form button.primary").getCssValue("background-color")).isEqualTo("rgba(37, 99, 235, 1)");
      anas.post("Has anyone filed travel expenses in the new tool?");
      WebElement question = anas.comment("Has anyone filed travel expenses");
      assertThat(question.getText()).contains("ana").doesNotContain("Sending");
      assertThat(anas.mainBox().getAttribute("value")).isEmpty();
      anas.shows(".status", "Your comment was posted.");
      anas.shows("h2", "1 comment");

      CommentsWidget bens = CommentsWidget.open(ben.login(server.baseUrl(), "ben"), page(target, "csp=strict"));
      WebElement seen = bens.comment("Has anyone filed travel expenses");
      assertThat(seen.getText()).contains("ana");
      bens.reply(seen, "Yes, it takes **two minutes**.");
      WebElement reply = bens.comment("it takes two minutes");
      assertThat(reply.findElement(By.cssSelector(".body strong")).getText()).isEqualTo("two minutes");
      bens.button(seen, "Add a reaction").click();
      bens.button(seen, "👍").click();
      // Ben's own reaction also comes back over the live channel, maybe before the answer to his click.
      ben.await(d -> "true".equals(bens.button(seen, "👍 1").getAttribute("aria-pressed")));

      ana.driver().navigate().refresh();
      anas = CommentsWidget.open(ana, ana.driver().getCurrentUrl());
      WebElement mine = anas.comment("Has anyone filed travel expenses");
      assertThat(mine.findElement(By.cssSelector(".replies")).getText()).contains("ben").contains("Yes, it takes two minutes.");
      assertThat(anas.button(mine, "👍 1").getAttribute("aria-pressed")).isEqualTo("false");
      anas.shows("h2", "2 comments");
      assertThat(ana.console() + ben.console()).as("errors in the browser console").doesNotContain("SEVERE");
    }
  }

  @Test
  void authorsEditAndDeleteTheirOwnAndFlagOthers() {
    String target = newTarget();
    JsonNode bens = postAs("ben", target, "Buy the train ticket at least a week ahead.", null);
    try (Browser ana = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(ana.login(server.baseUrl(), "ana"), page(target, "csp=strict"));
      widget.post("Flights need a manger's approval.");
      WebElement mine = widget.comment("manger's approval");
      assertThat(CommentsWidget.buttons(mine)).extracting(WebElement::getText).doesNotContain("Flag");

      widget.button(mine, "Edit").click();
      WebElement box = ana.await(d -> mine.findElement(By.cssSelector(".slot textarea")));
      assertThat(box.getAttribute("value")).isEqualTo("Flights need a manger's approval.");
      box.clear();
      box.sendKeys("Flights need a manager's approval.");
      widget.button(mine, "Save").click();
      ana.await(d -> CommentsWidget.body(mine).equals("Flights need a manager's approval."));
      assertThat(mine.findElement(By.cssSelector(".meta")).getText()).contains("edited");

      postAs("ben", target, "Also for trains?", mine.getAttribute("data-id"));
      ana.driver().navigate().refresh();
      widget = CommentsWidget.open(ana, ana.driver().getCurrentUrl());
      WebElement reloaded = widget.comment("manager's approval");
      widget.button(reloaded, "Delete").click();
      assertThat(reloaded.findElement(By.cssSelector(".slot")).getText()).startsWith("Delete this comment?");
      widget.button(reloaded, "Yes, delete").click();
      ana.await(d -> CommentsWidget.body(reloaded).equals("This comment was deleted"));
      assertThat(reloaded.findElement(By.cssSelector(".replies")).getText()).contains("Also for trains?");
      assertThat(CommentsWidget.buttons(reloaded)).isEmpty();

      WebElement others = widget.comment(bens.path("body").asText());
      widget.button(others, "Flag").click();
      new Select(ana.await(d -> others.findElement(By.cssSelector(".slot select")))).selectByVisibleText("Spam");
      widget.button(others, "Send to moderators").click();
      widget.shows(".status", "Thanks. A moderator will take a look.");
    }
    JsonNode flags = new Http(server.baseUrl()).get(API + "/moderation/queue").bearer(TestTokens.token("mo", "moderator")).send().json();
    assertThat(flags.path("items").toString()).contains(bens.path("id").asText()).contains("spam");
  }

  @Test
  void markupInPostsStaysHarmlessText() {
    String target = newTarget();
    List<String> attacks = List.of(
        "<img src=x onerror=\"window.__xss=1\">",
        "<script>window.__xss=1</script>",
        "[click](javascript:window.__xss=1)",
        "<svg onload=window.__xss=1>");
    try (Browser ana = Browser.start()) {
      // No CSP on this page: it would block inline handlers and hide a hole in the widget.
      CommentsWidget widget = CommentsWidget.open(ana.login(server.baseUrl(), "ana"), page(target));
      for (String attack : attacks) {
        widget.post(attack);
        widget.comment(attack.startsWith("[") ? "click" : attack);
      }
      WebElement link = widget.comment("click").findElement(By.cssSelector(".body"));
      assertThat(link.findElements(By.cssSelector("a[href^='javascript' i]"))).isEmpty();
      link.findElements(By.cssSelector("a")).forEach(WebElement::click);
      link.click();
      assertThat(widget.root().findElements(By.cssSelector("script, img, svg, iframe, object"))).isEmpty();
      assertThat(ana.script("return window.__xss")).isNull();
      assertThat(ana.driver().getCurrentUrl()).startsWith(server.baseUrl() + "/page");
    }
  }

  @Test
  void aFailedPostComesBackIntoTheBoxWithTheReason() throws Exception {
    String target = newTarget();
    try (Inflow strict = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(1).build()).build();
        TestServer limited = TestServer.start(Container.JETTY, InflowServlet.builder(strict).build(), Map.of("/page/*", new HostPage()));
        Browser ana = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(ana.login(limited.baseUrl(), "ana"), limited.baseUrl() + "/page?target=" + target);
      widget.post("First thought.");
      widget.comment("First thought.");
      widget.post("Second thought, too quick.");
      String error = widget.text("form .error");
      assertThat(error).startsWith("You are going a bit fast. Try again in ").endsWith(" seconds.");
      assertThat(widget.mainBox().getAttribute("value")).isEqualTo("Second thought, too quick.");
      assertThat(widget.findComment("Second thought")).isEmpty();
      assertThat(widget.root().findElements(By.cssSelector(".pending"))).isEmpty();
      widget.shows("h2", "1 comment");
    }
  }

  @Test
  void aPageOnAnotherOriginReadsAndPostsWithASignedToken() {
    String target = newTarget();
    postAs("ben", target, "Welcome to the portal thread.", null);
    try (Browser cleo = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(cleo, portalPage(target, TestTokens.token("cleo")));
      assertThat(widget.comment("Welcome to the portal thread.").getText()).contains("ben");
      widget.post("Hello from the portal.");
      assertThat(widget.comment("Hello from the portal.").getText()).contains("cleo");
      widget.shows("h2", "2 comments");
    }
    JsonNode list = new Http(server.baseUrl()).get(API + "/targets/" + target + "/comments").bearer(TestTokens.token("ben")).send().json();
    assertThat(list.path("items").findValuesAsText("body")).contains("Hello from the portal.");
  }

  @Test
  void anExpiredTokenAsksTheHostForANewOneAndCarriesOn() {
    String target = newTarget();
    postAs("ben", target, "Visible once the token is fresh.", null);
    String expired = TestTokens.token(TestTokens.SECRET, claims -> claims.audience("default").subject("cleo")
        .issueTime(Date.from(Instant.now().minusSeconds(600))).expirationTime(Date.from(Instant.now().minusSeconds(300))));
    try (Browser cleo = Browser.start()) {
      cleo.open(portalPage(target, expired));
      cleo.await(d -> Long.valueOf(1).equals(cleo.script("return window.inflowTokenExpired")));
      cleo.script("document.querySelector('inflow-comments').setAttribute('token', arguments[0])", TestTokens.token("cleo"));
      CommentsWidget widget = new CommentsWidget(cleo);
      assertThat(widget.comment("Visible once the token is fresh.").getText()).contains("ben");
      assertThat(widget.find("form label").getText()).isEqualTo("Add a comment");
    }
  }

  @Test
  void changesPushedFromElsewhereShowUpWithoutLosingADraft() {
    String target = newTarget();
    JsonNode question = postAs("ben", target, "Who approves conference trips?", null);
    try (Browser ana = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(ana.login(server.baseUrl(), "ana"), page(target, "csp=strict"));
      WebElement item = widget.comment("Who approves conference trips?");
      widget.button(item, "Reply").click();
      WebElement draft = ana.await(d -> item.findElement(By.cssSelector(".slot textarea")));
      draft.sendKeys("Your team lead, I think");

      // What the live channel will deliver: a reaction and a reply by someone else.
      JsonNode reacted = new Http(server.baseUrl()).put(API + "/comments/" + question.path("id").asText() + "/reactions/heart")
          .bearer(TestTokens.token("cleo")).send().json();
      JsonNode reply = postAs("cleo", target, "Ask the travel office.", question.path("id").asText());
      ana.script("const el = document.querySelector('inflow-comments');"
          + "el.apply('comment.reactions', {id: arguments[0], reactions: JSON.parse(arguments[1])});"
          + "el.apply('comment.created', JSON.parse(arguments[2]));",
          question.path("id").asText(), reacted.path("reactions").toString(), reply.toString());

      assertThat(widget.button(item, "❤️ 1").getAttribute("aria-pressed")).isEqualTo("false");
      assertThat(item.findElement(By.cssSelector(".replies")).getText()).contains("cleo").contains("Ask the travel office.");
      assertThat(CommentsWidget.buttons(widget.comment("Ask the travel office."))).extracting(WebElement::getText).doesNotContain("Edit");
      WebElement box = item.findElement(By.cssSelector(".slot textarea"));
      assertThat(box.getAttribute("value")).isEqualTo("Your team lead, I think");
      assertThat(ana.script("return document.querySelector('inflow-comments').shadowRoot.activeElement.tagName")).isEqualTo("TEXTAREA");
      widget.shows("h2", "2 comments");
    }
  }

  @Test
  void deepRepliesStopIndentingAndLongThreadsLoadTheRestOnRequest() {
    String target = newTarget();
    String parent = postAs("ben", target, "Where do I book hotels?", null).path("id").asText();
    String root = parent;
    for (int depth = 1; depth <= 5; depth++) {
      parent = postAs(depth % 2 == 1 ? "ana" : "ben", target, "Answer at depth " + depth, parent).path("id").asText();
    }
    for (int i = 1; i <= 50; i++) {
      postAs("cleo", target, "Another hint " + i, root);
    }
    try (Browser dev = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(dev.login(server.baseUrl(), "dev"), page(target, "csp=strict"));
      assertThat(widget.comment("Answer at depth 3").findElement(By.cssSelector(".meta")).getText()).doesNotContain("in reply to");
      assertThat(widget.comment("Answer at depth 4").findElement(By.cssSelector(".meta")).getText()).contains("in reply to ana");
      assertThat(widget.comment("Answer at depth 5").findElement(By.cssSelector(".meta")).getText()).contains("in reply to ben");
      Object deepestIndent = dev.script("return Math.max(...[...document.querySelector('inflow-comments').shadowRoot"
          + ".querySelectorAll('li')].map(li => { let n = 0; for (let e = li; e; e = e.parentElement) n += e.matches('ol.replies'); return n; }))");
      assertThat(deepestIndent).isEqualTo(3L);

      WebElement thread = widget.comment("Where do I book hotels?");
      assertThat(widget.findComment("Another hint 50")).isEmpty();
      thread.findElement(By.cssSelector(":scope > button.more")).click();
      widget.comment("Another hint 50");
      assertThat(thread.findElements(By.cssSelector("li"))).hasSize(55);
      assertThat(thread.findElement(By.cssSelector(":scope > button.more")).isDisplayed()).isFalse();
    }
  }

  @Test
  void germanPagesGetGermanWords() {
    String target = newTarget();
    try (Browser ana = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(ana.login(server.baseUrl(), "ana"), page(target, "lang=de", "csp=strict"));
      widget.shows("h2", "0 Kommentare");
      widget.shows(".empty", "Noch keine Kommentare. Schreib den ersten.");
      assertThat(widget.find("form label").getText()).isEqualTo("Kommentar schreiben");
      widget.post("Gilt das auch für Bahnreisen?");
      WebElement comment = widget.comment("Bahnreisen");
      assertThat(comment.findElement(By.cssSelector("time")).getText()).isEqualTo("jetzt");
      assertThat(CommentsWidget.buttons(comment)).extracting(WebElement::getText).contains("Antworten", "Bearbeiten", "Löschen");
      widget.shows("h2", "1 Kommentar");
      assertThat(ana.console()).as("errors in the browser console").doesNotContain("SEVERE");
    }
  }

  @Test
  void visitorsWhoAreNotSignedInAreToldToSignIn() {
    String target = newTarget();
    try (Browser visitor = Browser.start()) {
      CommentsWidget widget = CommentsWidget.open(visitor, page(target, "csp=strict"));
      widget.shows(".empty", "Sign in to see the comments.");
      widget.shows("[part=note]", "Sign in to comment.");
      assertThat(widget.root().findElements(By.cssSelector("form"))).isEmpty();
    }
  }

  private String page(String target, String... query) {
    return server.baseUrl() + "/page?target=" + encode(target) + (query.length > 0 ? "&" + String.join("&", query) : "");
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
  private JsonNode postAs(String user, String target, String body, String parentId) {
    String json = "{\"body\":\"" + body.replace("\"", "\\\"") + "\"" + (parentId != null ? ",\"parentId\":\"" + parentId + "\"" : "") + "}";
    Http.Response r = new Http(server.baseUrl()).post(API + "/targets/" + target + "/comments").bearer(TestTokens.token(user)).json(json).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private static String newTarget() {
    return "kb/policy-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
