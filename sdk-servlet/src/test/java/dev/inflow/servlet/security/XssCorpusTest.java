package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.security.XssVectors.Vector;
import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every vector of {@code xss-vectors.txt} posted through the API as comment bodies, question titles
 * and bodies, answers, display names (the token's {@code name}) and activity texts, then: the
 * server's {@code html} fields carry nothing executable, and the real elements in headless Chromium,
 * on a page that records any script a payload manages to run, show the words as text and run nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XssCorpusTest {
  private static final String API = "/inflow/api/v1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Vector> VECTORS = XssVectors.load();
  /** Collects what a payload could have done to the page, across the document and every shadow root. */
  private static final String PROBE = """
      const roots = [];
      const collect = r => { roots.push(r); for (const el of r.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot); };
      collect(document);
      const banned = /^(script|iframe|frame|frameset|object|embed|svg|math|base|meta|link|style|video|audio|source|template|noscript|portal)$/;
      const bad = [];
      for (const r of roots) for (const el of r.querySelectorAll('*')) {
        if (r === document && el.closest('head')) continue;
        if (banned.test(el.localName)) bad.push('<' + el.localName + '>');
        for (const a of el.attributes) {
          if (/^on/i.test(a.name) || /^(srcdoc|formaction|style)$/i.test(a.name)) bad.push(el.localName + ' ' + a.name + '=' + a.value);
          if (/^(href|src|action|xlink:href|data|poster|background)$/i.test(a.name)) {
            let url = null;
            try { url = new URL(a.value, location.href); } catch (e) { /* a URL the browser cannot parse goes nowhere */ }
            if (url && !/^(https?|mailto):$/.test(url.protocol)) bad.push(el.localName + ' ' + a.name + '=' + a.value);
          }
        }
      }
      return {xss: String(window.__xss), calls: window.__calls.join('; '), csp: window.__csp.join('; '), bad: bad.join('; ')};
      """;

  private Inflow inflow;
  private TestServer server;
  private TrapPage trap;

  @BeforeAll
  void start() throws Exception {
    inflow = TestDatabase.inflow()
        .limits(Limits.builder().userWritesPerMinute(10_000).tenantWritesPerMinute(100_000).userReadsPerMinute(10_000).build())
        .build();
    trap = new TrapPage();
    server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).build(),
        Map.of("/trap/*", trap));
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (inflow != null) {
      inflow.close();
    }
  }

  private Http http() {
    return new Http(server.baseUrl());
  }

  private static String token(String userId, String name, String avatar) {
    return TestTokens.token(TestTokens.SECRET, b -> {
      b.audience("default").subject(userId).claim("name", name);
      return avatar == null ? b : b.claim("avatar", avatar);
    });
  }

  private static String json(Map<String, ?> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String id(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void assertInert(String where, Vector vector, JsonNode html) {
    assertThat(XssVectors.dangers(html.asText())).as("%s of %s renders as %s", where, vector, html.asText()).isEmpty();
  }

  /** Posts the vector as a comment written by a user whose name is the vector too; returns the comment. */
  private JsonNode comment(String target, Vector vector, int n) {
    String avatar = n % 3 == 0 ? "javascript:window.__xss=1" : n % 3 == 1 ? "data:text/html,<script>parent.__xss=1</script>" : null;
    Http.Response r = http().post(API + "/targets/" + target + "/comments").bearer(token("author-" + n, vector.asName(), avatar))
        .json(json(Map.of("body", vector.payload(), "targetTitle", vector.asName()))).send();
    assertThat(r.status()).as("%s: %s", vector, r).isEqualTo(201);
    return r.json();
  }

  @Test
  void theCorpusHasFiftyVectorsOrMoreOfEveryKind() {
    assertThat(VECTORS).hasSizeGreaterThanOrEqualTo(50);
    assertThat(VECTORS.stream().map(Vector::category).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("html", "svg", "css", "attr", "link", "md", "unicode");
    assertThat(XssVectors.dangers("<p>plain <a href=\"https://x.example\" rel=\"nofollow\">x</a></p>")).isEmpty();
    assertThat(XssVectors.dangers("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")).isNotEmpty();
    assertThat(XssVectors.dangers("<img src=\"x\" onerror=\"alert(1)\">")).isNotEmpty();
  }

  @Test
  void theServerRendersQuestionsAnswersAndEditsWithoutAnythingExecutable() {
    String tag = id("xq");
    int n = 0;
    for (Vector vector : VECTORS) {
      n++;
      String asker = token("asker-" + n, vector.asName(), null);
      Http.Response asked = http().post(API + "/questions").bearer(asker)
          .json(json(Map.of("title", "Q " + vector.asName(), "body", vector.payload(), "tags", List.of(tag)))).send();
      assertThat(asked.status()).as("%s: %s", vector, asked).isEqualTo(201);
      JsonNode question = asked.json();
      assertInert("question body", vector, question.path("html"));
        // Titles are plain text and lose direction controls on the way in; both are fine as long as it is text.
      assertThat(question.path("title").asText()).isIn("Q " + vector.asName(), "Q " + withoutBidiControls(vector.asName()));

      Http.Response answered = http().post(API + "/questions/" + question.path("id").asText() + "/answers")
          .bearer(token("expert-" + n, vector.asName(), null)).json(json(Map.of("body", vector.payload()))).send();
      assertThat(answered.status()).as("%s: %s", vector, answered).isEqualTo(201);
      assertInert("answer", vector, answered.json().path("html"));
      JsonNode full = http().get(API + "/questions/" + question.path("id").asText()).bearer(asker).send().json();
      assertInert("question read back", vector, full.path("html"));
      full.path("answers").forEach(a -> assertInert("answer read back", vector, a.path("html")));
      assertThat(withoutBidiControls(full.path("author").path("name").asText())).isEqualTo(withoutBidiControls(vector.asName()));

      JsonNode c = comment(id("xe:"), vector, n);
      Http.Response edited = http().patch(API + "/comments/" + c.path("id").asText()).bearer(token("author-" + n, vector.asName(), null))
          .header("If-Match", "\"" + c.path("version").asText() + "\"").json(json(Map.of("body", "edit " + vector.payload()))).send();
      assertThat(edited.status()).as("%s: %s", vector, edited).isEqualTo(200);
      assertInert("edited comment", vector, edited.json().path("html"));
      http().get(API + "/comments/" + c.path("id").asText() + "/history").bearer(asker).send().json().path("items")
          .forEach(h -> assertInert("comment history", vector, h.path("html")));
    }
  }

  @Test
  void theCommentsElementShowsEveryVectorAsTextAndRunsNothing() {
    try (Browser browser = Browser.start()) {
      for (int from = 0; from < VECTORS.size(); from += 10) {
        List<Vector> batch = VECTORS.subList(from, Math.min(VECTORS.size(), from + 10));
        String target = id("xss:");
        for (int i = 0; i < batch.size(); i++) {
          assertInert("comment", batch.get(i), comment(target, batch.get(i), from + i).path("html"));
        }
        browser.login(server.baseUrl(), id("reader"));
        browser.open(server.baseUrl() + "/trap/page?element=inflow-comments&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        awaitCount(browser, "inflow-comments", "article.comment", batch.size());
        settle(browser);
        assertNothingRan(browser, batch);
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) browser.script("return [...document.querySelector('inflow-comments').shadowRoot"
            + ".querySelectorAll('[part=author]')].map(e => e.textContent)");
        assertThat(names).as("names shown as text").map(XssCorpusTest::withoutBidiControls)
            .containsExactlyInAnyOrderElementsOf(batch.stream().map(v -> withoutBidiControls(v.asName())).toList());
        @SuppressWarnings("unchecked")
        List<String> bodies = (List<String>) browser.script("return [...document.querySelector('inflow-comments').shadowRoot"
            + ".querySelectorAll('[part=body]')].map(e => e.textContent.replace(/\\s+/g, ' '))");
        for (Vector vector : batch) {
          String tag = rawTag(vector);
          if (tag != null) {
            assertThat(bodies).as("%s shown as text", vector).anySatisfy(b -> assertThat(b).contains(tag));
          }
        }
        assertBidiIsolated(browser, "inflow-comments", "[part=author]");
      }
    }
  }

  @Test
  void theFeedElementShowsActivityTextsAsTextAndRunsNothing() {
    String service = TestTokens.token("lms", "service");
    try (Browser browser = Browser.start()) {
      for (int from = 0; from < VECTORS.size(); from += 15) {
        List<Vector> batch = VECTORS.subList(from, Math.min(VECTORS.size(), from + 15));
        String tag = id("xf");
        for (int i = 0; i < batch.size(); i++) {
          Vector vector = batch.get(i);
          ObjectNode body = JSON.createObjectNode().put("verb", "completed");
          body.putObject("actor").put("id", "actor-" + (from + i)).put("name", vector.asName());
          body.putObject("object").put("id", "course:" + id("c")).put("type", "course").put("name", vector.asName())
              .put("url", "https://lms.example/" + (from + i));
          body.putObject("target").put("id", "kb/" + id("t")).put("name", vector.asName()).put("url", "https://kb.example/" + i);
          body.putArray("tags").add(tag);
          Http.Response r = http().post(API + "/activities").bearer(service).json(body.toString()).send();
          assertThat(r.status()).as("%s: %s", vector, r).isEqualTo(201);
        }
        browser.login(server.baseUrl(), id("reader"));
        browser.open(server.baseUrl() + "/trap/page?element=inflow-feed&tab=topic&topic=" + tag);
        awaitCount(browser, "inflow-feed", "li.item", batch.size());
        settle(browser);
        assertNothingRan(browser, batch);
        @SuppressWarnings("unchecked")
        List<String> actors = (List<String>) browser.script("return [...document.querySelector('inflow-feed').shadowRoot"
            + ".querySelectorAll('[part=actor]')].map(e => e.textContent)");
        assertThat(actors).as("actor names shown as text").map(XssCorpusTest::withoutBidiControls)
            .containsExactlyInAnyOrderElementsOf(batch.stream().map(v -> withoutBidiControls(v.asName())).toList());
        @SuppressWarnings("unchecked")
        List<String> links = (List<String>) browser.script("return [...document.querySelector('inflow-feed').shadowRoot"
            + ".querySelectorAll('a[part=link]')].map(e => e.textContent)");
        assertThat(links.stream().map(XssCorpusTest::withoutBidiControls).collect(Collectors.toSet()))
            .as("object and target names shown as link text")
            .isEqualTo(batch.stream().map(v -> withoutBidiControls(v.asName())).collect(Collectors.toSet()));
        assertBidiIsolated(browser, "inflow-feed", "[part=actor]");
      }
    }
  }

  @Test
  void activityUrlsThatAreNotWebLinksAreRefusedOrNeverLinked() {
    String service = TestTokens.token("lms", "service");
    String tag = id("xu");
    List<String> urls = List.of("javascript:window.__xss=1", "JAVASCRIPT:window.__xss=1", " javascript:window.__xss=1",
        "jav\tascript:window.__xss=1", "data:text/html,<script>parent.__xss=1</script>", "vbscript:msgbox(1)",
        "//evil.example/x", "/\\evil.example/x", "\\\\evil.example\\x");
    int accepted = 0;
    for (String url : urls) {
      ObjectNode body = JSON.createObjectNode().put("verb", "shared");
      body.putObject("actor").put("id", id("a")).put("name", "Sharer");
      body.putObject("object").put("id", "doc:" + id("d")).put("name", "link " + url).put("url", url);
      body.putArray("tags").add(tag);
      Http.Response r = http().post(API + "/activities").bearer(service).json(body.toString()).send();
      assertThat(r.status()).as("%s: %s", url, r).isIn(201, 400);
      if (r.status() == 400) {
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("errors").toString()).contains("object.url");
      } else {
        accepted++;
      }
    }
    int shown = accepted;
    try (Browser browser = Browser.start()) {
      browser.login(server.baseUrl(), id("reader"));
      browser.open(server.baseUrl() + "/trap/page?element=inflow-feed&tab=topic&topic=" + tag);
      awaitCount(browser, "inflow-feed", "li.item", shown);
      settle(browser);
      assertNothingRan(browser, List.of());
      @SuppressWarnings("unchecked")
      List<String> hrefs = (List<String>) browser.script("return [...document.querySelector('inflow-feed').shadowRoot"
          + ".querySelectorAll('a[href]')].map(a => a.href)");
      assertThat(hrefs).as("links leave only to this site or http(s)").allSatisfy(href ->
          assertThat(href).matches("https?://localhost:" + server.port() + "/.*|https://.*"));
    }
  }

  @Test
  void theAskElementShowsQuestionsAndAnswersAsTextAndRunsNothing() {
    String ask = "document.querySelector('inflow-ask').shadowRoot";
    try (Browser browser = Browser.start()) {
      for (int from = 0; from < VECTORS.size(); from += 10) {
        List<Vector> batch = VECTORS.subList(from, Math.min(VECTORS.size(), from + 10));
        String target = id("xa:");
        for (int i = 0; i < batch.size(); i++) {
          Vector vector = batch.get(i);
          Http.Response asked = http().post(API + "/questions").bearer(token("asker-" + (from + i), vector.asName(), null))
              .json(json(Map.of("title", "Q " + vector.asName(), "body", vector.payload(), "tags", List.of("xss"), "targetKey", target)))
              .send();
          assertThat(asked.status()).as("%s: %s", vector, asked).isEqualTo(201);
          Http.Response answered = http().post(API + "/questions/" + asked.json().path("id").asText() + "/answers")
              .bearer(token("expert-" + (from + i), vector.asName(), null)).json(json(Map.of("body", vector.payload()))).send();
          assertThat(answered.status()).as("%s: %s", vector, answered).isEqualTo(201);
        }
        browser.login(server.baseUrl(), id("reader"));
        browser.open(server.baseUrl() + "/trap/page?element=inflow-ask&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        awaitShown(browser, ask + ".querySelectorAll('[data-tab=about]').length", 1);
        browser.script(ask + ".querySelector('[data-tab=about]').click()");
        awaitShown(browser, ask + ".querySelectorAll('li [data-id]').length", batch.size());
        for (int i = 0; i < batch.size(); i++) {
          browser.script(ask + ".querySelectorAll('li [data-id]')[" + i + "].click()");
          awaitShown(browser, ask + ".querySelectorAll('[part=answer]').length", 1);
          settle(browser);
          browser.script(ask + ".querySelector('[data-act=Back]').click()");
          awaitShown(browser, ask + ".querySelectorAll('li [data-id]').length", batch.size());
        }
        assertNothingRan(browser, batch);
      }
    }
  }

  private static void awaitShown(Browser browser, String countExpression, int n) {
    try {
      browser.await(d -> ((Number) browser.script("return " + countExpression)).intValue() == n);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("expected " + n + " from " + countExpression + "; <inflow-ask> shows: "
          + browser.script("return document.querySelector('inflow-ask').shadowRoot.textContent"), e);
    }
  }

  /** Waits until the element's shadow root has {@code n} matches, failing with what the element shows instead. */
  private static void awaitCount(Browser browser, String element, String selector, int n) {
    String count = "const r = document.querySelector('" + element + "').shadowRoot;"
        + "return r && r.querySelector('[aria-busy=false]') ? r.querySelectorAll('" + selector + "').length : -1";
    try {
      browser.await(d -> ((Number) browser.script(count)).intValue() == n);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("expected " + n + " of " + selector + " in " + element + " but found " + browser.script(count)
          + "; it shows: " + browser.script("return document.querySelector('" + element + "').shadowRoot.textContent"), e);
    }
  }

  /** Gives failing images and autofocus handlers, which fire asynchronously, the time to fire. */
  private static void settle(Browser browser) {
    browser.script("return new Promise(r => setTimeout(r, 700))");
  }

  private void assertNothingRan(Browser browser, List<Vector> batch) {
    @SuppressWarnings("unchecked")
    Map<String, String> found = (Map<String, String>) browser.script(PROBE);
    String vectors = batch.stream().map(Vector::toString).collect(Collectors.joining("\n"));
    assertThat(found.get("xss")).as("window.__xss after rendering\n%s", vectors).isEqualTo("0");
    assertThat(found.get("calls")).as("alert/confirm/prompt calls\n%s", vectors).isEmpty();
    assertThat(found.get("bad")).as("executable markup in the page\n%s", vectors).isEmpty();
    assertThat(found.get("csp")).as("CSP violations\n%s", vectors).isEmpty();
    assertThat(trap.reports()).as("CSP reports\n%s", vectors).isEmpty();
    assertThat(browser.console()).as("console").doesNotContain("SEVERE");
  }

  /**
   * Asserts that a U+202E in a name cannot flip the text around it: the name either carries no
   * direction controls or is laid out in its own isolated direction.
   */
  private static void assertBidiIsolated(Browser browser, String element, String selector) {
    @SuppressWarnings("unchecked")
    List<String> unsafe = (List<String>) browser.script("return [...document.querySelector('" + element + "').shadowRoot"
        + ".querySelectorAll('" + selector + "')].filter(e => /[\\u202A-\\u202E\\u2066-\\u2069]/.test(e.textContent)"
        + " && !['isolate', 'plaintext', 'isolate-override'].includes(getComputedStyle(e).unicodeBidi)).map(e => e.textContent)");
    assertThat(unsafe).as("names in %s with direction controls that are not isolated", element).isEmpty();
  }

  private static String withoutBidiControls(String s) {
    return s.replaceAll("[\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u061C\\uFEFF]", "").strip();
  }

  /** @return the opening of a raw HTML tag the vector starts with, which must then show as text, or null */
  private static String rawTag(Vector vector) {
    String p = vector.payload();
    if (!Set.of("html", "svg", "css").contains(vector.category()) || !p.matches("(?s)<[a-zA-Z]+.*")) {
      return null;
    }
    int end = 1;
    while (end < p.length() && Character.isLetter(p.charAt(end))) {
      end++;
    }
    return p.substring(0, end);
  }
}
