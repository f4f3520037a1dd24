package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * {@code <inflow-feed>} in a real headless Chromium: tabs, follow and mute buttons, live arrivals
 * that fold like the server folds, German, and a page on another origin with a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedWidgetTest {
  private static final String API = "/inflow/api/v1";
  private Inflow inflow;
  private TestServer server;
  private EmbeddedJetty portal;

  @BeforeAll
  void start() throws Exception {
    portal = EmbeddedJetty.start(0, context -> context.addServlet(new ServletHolder(new HostPage()), "/page/*"));
    inflow = Gallery.browserInflow();
    InflowServlet servlet = InflowServlet.builder(inflow).tenantKeys(TestTokens.keys())
        .allowedOrigins(List.of("http://localhost:" + portal.port())).build();
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

  private static String id(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 6);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String page(String... query) {
    return server.baseUrl() + "/page?element=inflow-feed&csp=strict" + (query.length > 0 ? "&" + String.join("&", query) : "");
  }

  private Http http() {
    return new Http(server.baseUrl());
  }

  private void comment(String user, String target, String title, String body) {
    Http.Response r = http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token(user))
        .json("{\"body\":\"" + body + "\",\"targetTitle\":\"" + title + "\",\"targetUrl\":\"https://erp.example/" + target + "\"}").send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private void follow(String user, String kind, String id) {
    assertThat(http().put(API + "/follows/" + kind + "/" + id).bearer(TestTokens.token(user)).send().status()).isEqualTo(200);
  }

  private static SearchContext root(Browser browser) {
    return browser.shadowRoot("inflow-feed");
  }

  /** @return the texts of the feed's items once the list has loaded and has at least {@code n} items */
  private static List<String> items(Browser browser, int n) {
    return browser.await(d -> {
      List<WebElement> items = root(browser).findElements(By.cssSelector("li.item"));
      return items.size() >= n ? items.stream().map(li -> li.findElement(By.cssSelector(".line")).getText()).toList() : null;
    });
  }

  private static WebElement button(Browser browser, String text) {
    return browser.await(d -> root(browser).findElements(By.cssSelector("button")).stream()
        .filter(b -> b.isDisplayed() && b.getText().replace("✓ ", "").equals(text)).findFirst().orElse(null));
  }

  private static String status(Browser browser) {
    return root(browser).findElement(By.cssSelector("[role=status]")).getText();
  }

  @Test
  void theFollowingTabShowsWhatIFollowAndUpdatesLive() {
    String ana = id("ana"), ben = id("ben"), carla = id("carla");
    String order = id("order:");
    follow(ana, "user", ben);
    comment(ben, order, "Order 4711", "Shipping label is missing");
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), ana).open(page());
      assertThat(items(browser, 1)).containsExactly(ben + " commented on Order 4711");
      WebElement link = root(browser).findElement(By.cssSelector("li.item .line a"));
      assertThat(link.getAttribute("href")).isEqualTo("https://erp.example/" + order);
      assertThat(root(browser).findElement(By.cssSelector("li.item .quote")).getText()).isEqualTo("Shipping label is missing");
      assertThat(root(browser).findElement(By.cssSelector("[role=tab][aria-selected=true]")).getText()).isEqualTo("Following");

      String other = id("order:");
      comment(ben, other, "Order 99", "Second one");
      browser.await(d -> items(browser, 2).get(0).equals(ben + " commented on Order 99"));
      browser.await(d -> status(browser).equals("New activity."));
      follow(ana, "target", other);
      comment(carla, other, "Order 99", "Me too");
      browser.await(d -> items(browser, 2).get(0).equals(carla + " and " + ben + " commented on Order 99"));
      assertThat(items(browser, 2)).hasSize(2);
      assertThat(browser.console()).as("console errors").doesNotContain("SEVERE");
    }
  }

  @Test
  void topicAndTargetTabsHaveFollowAndMuteButtonsAndKeyboardUse() {
    String reader = id("reader"), target = "kb/" + id("vpn");
    comment(id("author"), target, "VPN guide", "Use the new profile");
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), reader).open(page("topic=Java", "target=" + encode(target), "title=VPN%20guide"));
      items(browser, 0);
      // The tabs render after the first page of items on a slow database; wait for them too.
      WebElement following = browser.await(d -> root(browser).findElement(By.cssSelector("[role=tab][aria-selected=true]")));
      following.sendKeys(Keys.ARROW_RIGHT);
      browser.await(d -> root(browser).findElement(By.cssSelector("[role=tab][aria-selected=true]")).getText().equals("#java"));
      WebElement followTopic = button(browser, "Follow");
      assertThat(followTopic.getAttribute("aria-pressed")).isEqualTo("false");
      followTopic.click();
      browser.await(d -> "true".equals(button(browser, "Follow").getAttribute("aria-pressed")));
      assertThat(http().get(API + "/follows/topic/java").bearer(TestTokens.token(reader)).send().json().path("following").asBoolean()).isTrue();

      browser.script("document.activeElement.blur()");
      root(browser).findElement(By.cssSelector("[role=tab][aria-selected=true]")).sendKeys(Keys.END);
      browser.await(d -> root(browser).findElement(By.cssSelector("[role=tab][aria-selected=true]")).getText().equals("VPN guide"));
      assertThat(items(browser, 1)).containsExactly(root(browser).findElement(By.cssSelector("li.item strong")).getText()
          + " commented on VPN guide");
      button(browser, "Mute").click();
      browser.await(d -> status(browser).equals("Muted: it stays out of your feed."));
      assertThat(http().get(API + "/follows/target/" + target).bearer(TestTokens.token(reader)).send().json().path("muted").asBoolean()).isTrue();
      button(browser, "Follow").click();
      browser.await(d -> "true".equals(button(browser, "Follow").getAttribute("aria-pressed")));
      assertThat(browser.console()).as("console errors").doesNotContain("SEVERE");
    }
  }

  @Test
  void longFeedsLoadMoreAndSpeakGerman() {
    String author = id("author"), reader = id("reader"), tag = id("tag");
    for (int i = 0; i < 23; i++) {
      Http.Response r = http().post(API + "/activities").bearer(TestTokens.token("lms", "service"))
          .json("{\"verb\":\"completed\",\"object\":{\"id\":\"course:" + i + "\",\"name\":\"Kurs " + i + "\"},\"actor\":\"" + author
              + "\",\"tags\":[\"" + tag + "\"]}").send();
      assertThat(r.status()).isEqualTo(201);
    }
    comment(author, "kb/" + tag, "Reiserichtlinie", "Gilt ab Juni");
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), reader).open(page("topic=" + tag, "target=kb/" + tag, "tab=target", "lang=de"));
      assertThat(items(browser, 1)).containsExactly(author + " hat Reiserichtlinie kommentiert");
      assertThat(root(browser).findElements(By.cssSelector("[role=tab]"))).extracting(WebElement::getText)
          .containsExactly("Abonniert", "#" + tag, "Diese Seite");
      root(browser).findElement(By.cssSelector("[role=tab][data-tab=topic]")).click();
      List<String> first = items(browser, 20);
      assertThat(first).hasSize(20).first().isEqualTo(author + ": completed Kurs 22");
      button(browser, "Mehr anzeigen").click();
      assertThat(items(browser, 23)).hasSize(23);
      assertThat(root(browser).findElements(By.cssSelector("button.more")).get(0).isDisplayed()).isFalse();
    }
  }

  @Test
  void signedOutReadersAreAskedToSignIn() {
    try (Browser browser = Browser.start()) {
      browser.open(page());
      browser.await(d -> root(browser).findElement(By.cssSelector(".empty")).getText()
          .equals("Sign in to see what the people and topics you follow are up to."));
    }
  }

  @Test
  void aPageOnAnotherOriginUsesItsTokenAndStillGetsLiveUpdates() {
    String reader = id("cleo"), tag = id("t");
    follow(reader, "topic", tag);
    String inflowBase = server.baseUrl() + "/inflow";
    String url = "http://localhost:" + portal.port() + "/page?element=inflow-feed&csp=strict&api=" + encode(inflowBase)
        + "&token=" + encode(TestTokens.token(reader)) + "&widget=" + encode(inflowBase + "/inflow.js");
    try (Browser browser = Browser.start()) {
      browser.open(url);
      browser.await(d -> "false".equals(root(browser).findElement(By.cssSelector("ol.list")).getAttribute("aria-busy")));
      Http.Response r = http().post(API + "/activities").bearer(TestTokens.token("lms", "service"))
          .json("{\"verb\":\"completed\",\"object\":{\"id\":\"course:x\",\"name\":\"Onboarding\"},\"actor\":{\"id\":\"dora\",\"name\":\"Dora\"},"
              + "\"tags\":[\"" + tag + "\"]}").send();
      assertThat(r.status()).isEqualTo(201);
      assertThat(items(browser, 1)).containsExactly("Dora completed Onboarding");
      assertThat(browser.console()).as("console errors").doesNotContain("SEVERE");
    }
  }
}
