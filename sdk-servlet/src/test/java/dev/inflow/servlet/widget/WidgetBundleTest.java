package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Inflow;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.internal.platform.WidgetAssets;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How a page in a real headless Chromium loads the production widget: {@code /inflow/inflow.js}
 * fetches the one bundle of the page's language and nothing else; an element in another language
 * fetches its table; a page that loads the bundle and an element alone still defines each element
 * once and keeps one live connection. Runs on the database chosen by {@code -Dinflow.test.db}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetBundleTest {
  /** The widget files the page fetched, as paths below /inflow/ (the API and live channel left out). */
  private static final String FETCHED = """
      return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
          .filter(p => p.startsWith('/inflow/') && !p.startsWith('/inflow/api/') && !p.startsWith('/inflow/live'))
          .map(p => p.replace(/\\/v\\/[0-9a-f]+\\//, '/v/*/'));
      """;
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

  @Test
  void aPageDownloadsTheStubAndTheBundleOfItsLanguageOnly() {
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), "ana");
      CommentsWidget german = CommentsWidget.open(browser, page("page-lang=de", fresh()));
      german.shows("h2", "0 Kommentare");
      assertThat(browser.script(FETCHED)).as("widget files a German page fetched")
          .isEqualTo(List.of("/inflow/inflow.js", "/inflow/v/*/inflow-de.js"));

      CommentsWidget english = CommentsWidget.open(browser, page("page-lang=en", fresh()));
      english.shows("h2", "0 comments");
      assertThat(browser.script(FETCHED)).as("widget files an English page fetched")
          .isEqualTo(List.of("/inflow/inflow.js", "/inflow/v/*/inflow-en.js"));
      assertThat(browser.console()).as("console").doesNotContain("SEVERE");
    }
  }

  @Test
  void anElementInAnotherLanguageThanItsPageFetchesThatLanguagesMessages() {
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), "ana");
      CommentsWidget english = CommentsWidget.open(browser, page("page-lang=de", "lang=en", fresh()));
      english.shows("h2", "0 comments");
      assertThat(browser.script(FETCHED)).isEqualTo(List.of("/inflow/inflow.js", "/inflow/v/*/inflow-de.js", "/inflow/v/*/i18n-en.js"));
      assertThat(browser.script("return document.querySelector('inflow-comments').shadowRoot.firstElementChild.lang")).isEqualTo("en");

      CommentsWidget german = CommentsWidget.open(browser, page("page-lang=en", "lang=de", fresh()));
      german.shows("h2", "0 Kommentare");
      assertThat(browser.script(FETCHED)).isEqualTo(List.of("/inflow/inflow.js", "/inflow/v/*/inflow-en.js", "/inflow/v/*/i18n-de.js"));
      assertThat(browser.script("return document.querySelector('inflow-comments').shadowRoot.firstElementChild.lang")).isEqualTo("de");
      assertThat(browser.console()).as("console").doesNotContain("SEVERE");
    }
  }

  @Test
  void everyLanguagesTableHasEveryEnglishMessage() {
    String version = WidgetAssets.load().version();
    try (Browser browser = Browser.start()) {
      browser.open(page(fresh()));
      @SuppressWarnings("unchecked")
      List<Object> missing = (List<Object>) browser.script("""
          const base = arguments[0], languages = arguments[1];
          const missing = [];
          const compare = (en, other, language, path) => {
            for (const key of Object.keys(en)) {
              if (!(key in other)) missing.push(language + ': ' + path + key);
              else if (en[key] && typeof en[key] === 'object' && !Array.isArray(en[key]) && !('other' in en[key])) {
                compare(en[key], other[key], language, path + key + '.');
              }
            }
          };
          return import(base + 'i18n-en.js').then(en => Promise.all(languages.map(language =>
              import(base + 'i18n-' + language + '.js').then(table => compare(en.default, table.default, language, '')))))
            .then(() => missing);
          """, server.baseUrl() + "/inflow/v/" + version + "/",
          WidgetAssets.load().bundles().keySet().stream().filter(l -> !l.equals("en")).toList());
      assertThat(missing).as("messages a table lacks (a page in that language has no English to fill in)").isEmpty();
    }
  }

  @Test
  void aPageThatLoadsTheBundleAndAnElementAloneDefinesEachOnceAndOpensOneLiveConnection() {
    String target = "kb/bundle-" + UUID.randomUUID().toString().substring(0, 8);
    long before = liveConnections();
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), "ana");
      // comments.js runs first and defines <inflow-comments>; the bundle then defines the others.
      CommentsWidget comments = CommentsWidget.open(browser, page("target=" + encode(target),
          "widget=" + encode("/inflow/comments.js"), "widget=" + encode("/inflow/inflow.js")));
      browser.await(d -> (Boolean) browser.script("return !!customElements.get('inflow-notifications')"));
      browser.script("document.querySelector('main').append(document.createElement('inflow-notifications'))");
      browser.await(d -> "Notifications".equals(browser.script(
          "return document.querySelector('inflow-notifications').shadowRoot?.querySelector('button.bell')?.getAttribute('aria-label')")));

      Http.Response posted = new Http(server.baseUrl()).post("/inflow/api/v1/targets/" + target + "/comments")
          .bearer(TestTokens.token("ben")).json("{\"body\":\"Both scripts, one connection.\"}").send();
      assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
      comments.comment("Both scripts, one connection.");
      assertThat(browser.console()).as("console (defining an element twice throws)").doesNotContain("SEVERE");
    }
    assertThat(liveConnections() - before).as("live connections the page opened for both elements").isEqualTo(1);
  }

  private long liveConnections() {
    return inflow.platform().metrics().value("inflow_live_connections_total", "transport", "websocket")
        + inflow.platform().metrics().value("inflow_live_connections_total", "transport", "sse");
  }

  private String page(String... query) {
    return server.baseUrl() + "/page?csp=strict&" + String.join("&", query);
  }

  /** @return the query parameter of a new page's target, which has no comments yet */
  private static String fresh() {
    return "target=kb/bundle-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
