package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.TestDatabase;
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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every Inflow element on a host page, each with data that shows its states (threads, reactions,
 * an edit, a tombstone, code, a link): what the accessibility, presentation and CSP tests go over,
 * and what {@link WidgetScreenshots} photographs. A new element gets a {@link Specimen} here;
 * {@link #specimens()} fails until every element the widget serves has one.
 *
 * <p>Readers sign in as Ana Lima ({@link #signIn}); the others wrote the content.
 */
final class Gallery implements AutoCloseable {
  /** One element on the host page: its tag and the query that makes its attributes (HostPage). */
  record Specimen(String element, String query) {
    /** @return the element's module, e.g. {@code comments.js} */
    String module() {
      return element.substring("inflow-".length()) + ".js";
    }
  }

  static final String VIEWER = "ana";
  private static final Map<String, String> NAMES = Map.of("ana", "Ana Lima", "ben", "Ben Okafor", "cleo", "Cleo Novak", "dev", "Dev Patel");
  private static final String API = "/inflow/api/v1";

  private final Inflow inflow;
  private final TestServer server;
  private final List<Specimen> specimens;

  private Gallery(Inflow inflow, TestServer server) {
    this.inflow = inflow;
    this.server = server;
    String discussion = "target=" + encode(seedComments()) + "&title=Travel+expenses";
    // The feed of the same page: everyone's comments there, with its Follow and Mute buttons.
    // Ana's notifications, open: Cleo's reply in that discussion notified her.
    this.specimens = List.of(new Specimen("inflow-comments", discussion),
        new Specimen("inflow-notifications", "open=open"),
        new Specimen("inflow-ask", discussion + "&tags=travel"),
        new Specimen("inflow-feed", discussion + "&topic=travel&tab=target"));
  }

  /**
   * @return a fresh Inflow on the database of {@code -Dinflow.test.db}, with rate limits that leave
   *     room for a browser test's bursts of page loads and posts; every widget test starts from it
   */
  static Inflow browserInflow() {
    return TestDatabase.inflow()
        .limits(Limits.builder().userWritesPerMinute(10_000).tenantWritesPerMinute(100_000).userReadsPerMinute(10_000).build())
        .build();
  }

  /** Starts Inflow in Jetty beside the host page, on the database of {@code -Dinflow.test.db}, and seeds every element's data. */
  static Gallery start() throws Exception {
    Inflow inflow = browserInflow();
    try {
      TestServer server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).build(),
          Map.of("/page/*", new HostPage()));
      return new Gallery(inflow, server);
    } catch (Exception | Error e) {
      inflow.close();
      throw e;
    }
  }

  /** @return a specimen for each element the widget serves */
  List<Specimen> specimens() {
    assertThat(specimens).extracting(Specimen::module).as("elements with a specimen in the gallery")
        .containsExactlyInAnyOrderElementsOf(WidgetAssets.load().elements());
    return specimens;
  }

  Specimen specimen(String element) {
    return specimens.stream().filter(s -> s.element().equals(element)).findFirst().orElseThrow();
  }

  /** @return the host page showing the specimen, plus further query parameters (e.g. {@code theme=dark}) */
  String url(Specimen specimen, String... query) {
    return server.baseUrl() + "/page?element=" + specimen.element() + "&" + specimen.query() + (query.length > 0 ? "&" + String.join("&", query) : "");
  }

  String baseUrl() {
    return server.baseUrl();
  }

  /** Signs the browser in as Ana Lima, through the host's login stand-in. */
  Browser signIn(Browser browser) {
    browser.open(server.baseUrl() + "/login?user=" + VIEWER + "&name=" + encode(NAMES.get(VIEWER)));
    return browser;
  }

  /** Opens the page and waits until the element has rendered and loaded (no aria-busy, no placeholders). */
  static void open(Browser browser, String url, String element) {
    browser.open(url);
    browser.await(d -> browser.script("const e = document.querySelector(arguments[0]); const r = e && e.shadowRoot;"
        + "return !!r && r.childElementCount > 0 && !r.querySelector('[aria-busy=true], .sk')", element));
  }

  /** Posts as the user, through the API, on a target titled "Travel expenses", and returns the comment. */
  JsonNode post(String user, String target, String body, String parentId) {
    String json = "{\"body\":" + quote(body) + (parentId != null ? ",\"parentId\":\"" + parentId + "\"" : "")
        + ",\"targetTitle\":\"Travel expenses\",\"targetUrl\":\"" + server.baseUrl() + "/page\"}";
    return ok(http("POST", API + "/targets/" + target + "/comments", user).json(json).send(), 201);
  }

  /** A discussion with what comments can show: replies, reactions, Markdown, an edit, a tombstone. */
  private String seedComments() {
    String target = "kb/expenses-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode question = post("ben", target, "How do I file **travel expenses** in the new tool? The [old guide](https://intranet.example/expenses) "
        + "still shows the paper form.", null);
    JsonNode answer = post("ana", target, "Upload the receipts under *My trips*, then press `Submit`. It takes two minutes.", question.path("id").asText());
    post("cleo", target, "The API works too:\n\n```\nPOST /trips/42/receipts  Content-Type: image/jpeg\n```", answer.path("id").asText());
    JsonNode perDiem = post("dev", target, "Per diems are paid with the next salry.", null);
    ok(http("PATCH", API + "/comments/" + perDiem.path("id").asText(), "dev").header("If-Match", "\"" + perDiem.path("version").asText() + "\"")
        .json("{\"body\":\"Per diems are paid with the next salary.\"}").send(), 200);
    JsonNode gone = post("cleo", target, "Wrong thread, sorry.", null);
    post("ben", target, "No worries!", gone.path("id").asText());
    ok(http("DELETE", API + "/comments/" + gone.path("id").asText(), "cleo").send(), 204);
    for (String user : List.of("cleo", "dev")) {
      ok(http("PUT", API + "/comments/" + question.path("id").asText() + "/reactions/+1", user).send(), 200);
    }
    ok(http("PUT", API + "/comments/" + answer.path("id").asText() + "/reactions/heart", "ben").send(), 200);
    return target;
  }

  private Http.Request http(String method, String path, String user) {
    return new Http(server.baseUrl()).request(method, path).bearer(token(user));
  }

  private static String token(String user) {
    Instant now = Instant.now();
    return TestTokens.token(TestTokens.SECRET, claims -> claims.audience("default").subject(user).claim("name", NAMES.get(user))
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(240))));
  }

  private static JsonNode ok(Http.Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    return response.status() == 204 ? null : response.json();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      inflow.close();
    }
  }
}
