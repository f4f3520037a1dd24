package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.HostPage;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/** {@code <inflow-notifications>} in a real headless Chromium: the badge follows replies live, the list marks read, keyboard, German. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsWidgetTest {
  private static final String API = "/inflow/api/v1";
  private Inflow inflow;
  private TestServer server;

  @BeforeAll
  void start() throws Exception {
    inflow = Gallery.browserInflow();
    server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).build(),
        Map.of("/page/*", new HostPage()));
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    inflow.close();
  }

  private static String id(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 6);
  }

  private String page(String... query) {
    return server.baseUrl() + "/page?element=inflow-notifications&csp=strict" + (query.length > 0 ? "&" + String.join("&", query) : "");
  }

  private Http http() {
    return new Http(server.baseUrl());
  }

  private String comment(String user, String target, String body, String parentId) {
    Http.Response r = http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token(user))
        .json("{\"body\":\"" + body + "\",\"targetTitle\":\"Order 4711\",\"targetUrl\":\"https://erp.example/4711\""
            + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}").send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  private static SearchContext root(Browser browser) {
    return browser.shadowRoot("inflow-notifications");
  }

  private static WebElement bell(Browser browser) {
    return root(browser).findElement(By.cssSelector("button.bell"));
  }

  private static String badge(Browser browser) {
    return root(browser).findElement(By.cssSelector(".badge")).getText();
  }

  @Test
  void aReplyToAnasCommentRaisesHerBadgeLiveAndSheMarksItRead() {
    String ana = id("ana"), ben = id("ben"), order = id("order:");
    String first = comment(ana, order, "Where is the parcel?", null);
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), ana).open(page());
      browser.await(d -> bell(browser).getAttribute("aria-label").equals("Notifications"));
      assertThat(badge(browser)).isEmpty();

      comment(ben, order, "It left the depot today", first);
      browser.await(d -> badge(browser).equals("1"));
      assertThat(bell(browser).getAttribute("aria-label")).isEqualTo("Notifications, 1 unread");

      bell(browser).click();
      assertThat(bell(browser).getAttribute("aria-expanded")).isEqualTo("true");
      WebElement item = browser.await(d -> root(browser).findElement(By.cssSelector("li.item.unread")));
      assertThat(item.findElement(By.cssSelector("p")).getText()).isEqualTo(ben + " replied to your comment on Order 4711");
      assertThat(item.findElement(By.cssSelector("a")).getAttribute("href")).isEqualTo("https://erp.example/4711");
      item.findElement(By.cssSelector("button")).click();
      browser.await(d -> badge(browser).isEmpty());
      assertThat(root(browser).findElements(By.cssSelector("li.item.unread"))).isEmpty();
      JsonNode list = http().get(API + "/notifications").bearer(TestTokens.token(ana)).send().json();
      assertThat(list.path("unreadCount").asInt()).isZero();
      assertThat(browser.console()).as("console errors").doesNotContain("SEVERE");
    }
  }

  @Test
  void theListOpensAndClosesFromTheKeyboardAndMarksAllReadInGerman() {
    String ana = id("ana"), order = id("order:");
    String first = comment(ana, order, "Frage", null);
    comment(id("ben"), order, "Antwort eins", first);
    comment(id("cleo"), order, "@" + ana + " Antwort zwei", first);
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), ana).open(page("lang=de"));
      browser.await(d -> badge(browser).equals("2"));
      assertThat(bell(browser).getAttribute("aria-label")).isEqualTo("Benachrichtigungen, 2 ungelesen");

      bell(browser).sendKeys(Keys.ENTER);
      browser.await(d -> root(browser).findElement(By.cssSelector("section.panel")).isDisplayed());
      WebElement all = browser.await(d -> root(browser).findElements(By.cssSelector("button")).stream()
          .filter(b -> b.isDisplayed() && b.getText().equals("Alle als gelesen markieren")).findFirst().orElse(null));
      all.sendKeys(Keys.ENTER);
      browser.await(d -> badge(browser).isEmpty());
      browser.await(d -> root(browser).findElement(By.cssSelector("[role=status]")).getText().equals("Alle Benachrichtigungen sind gelesen."));

      all.sendKeys(Keys.ESCAPE);
      browser.await(d -> !root(browser).findElement(By.cssSelector("section.panel")).isDisplayed());
      assertThat(bell(browser).getAttribute("aria-expanded")).isEqualTo("false");
      assertThat(browser.script("return document.activeElement.shadowRoot.activeElement.className")).isEqualTo("bell");
    }
  }

  @Test
  void signedOutVisitorsGetADisabledBell() {
    try (Browser browser = Browser.start()) {
      browser.open(page());
      browser.await(d -> !bell(browser).isEnabled());
      assertThat(bell(browser).getAttribute("title")).isEqualTo("Sign in to see your notifications.");
    }
  }
}
